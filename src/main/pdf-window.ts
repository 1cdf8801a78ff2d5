import { randomBytes } from 'node:crypto';
import { BrowserWindow, session as sessions, type Session } from 'electron';
import { AppError } from '../core/errors.js';
import {
  mayPrintWindowRequest,
  PRINT_DOCUMENT_CSP,
  PRINT_PARTITION,
  PRINT_TIMEOUT_MS,
  PRINT_TO_PDF_OPTIONS,
  PRINT_WINDOW_OPTIONS,
  printDocumentUrl,
} from '../core/security/print-window.js';
import { APP_SCHEME } from '../core/security/app-origin.js';
import { countPdfPages, type PdfPrinter, type PrintResult } from '../forms/printer.js';

/**
 * The desktop app's PDF printer: Electron's own Chromium, a hidden sandboxed window per document on a private
 * in-memory session (every decision is in src/core/security/print-window.ts). One print at a time.
 */
export class WindowPdfPrinter implements PdfPrinter {
  /** The document being printed: its one-time URL, and its HTML until the window has fetched it (once). */
  private current: { url: string; html: string | null } | null = null;
  private printSession: Session | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  print(html: string): Promise<PrintResult> {
    const job = this.queue.then(() => this.printNow(html));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** The private session, set up once: it serves only the documents being printed and lets nothing else load. */
  private session(): Session {
    if (this.printSession) return this.printSession;
    const print = sessions.fromPartition(PRINT_PARTITION, { cache: false });
    print.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    print.setPermissionCheckHandler(() => false);
    print.on('will-download', (event) => event.preventDefault());
    print.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !mayPrintWindowRequest(details.url, this.current?.url ?? '') }));
    print.protocol.handle(APP_SCHEME, (request) => {
      const html = this.current && request.url === this.current.url ? this.current.html : null;
      if (html === null) return new Response('Not found', { status: 404 });
      this.current!.html = null; // served once
      return new Response(html, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PRINT_DOCUMENT_CSP, 'cache-control': 'no-store' } });
    });
    this.printSession = print;
    return print;
  }

  private async printNow(html: string): Promise<PrintResult> {
    const url = printDocumentUrl(randomBytes(16).toString('hex'));
    this.current = { url, html };
    const window = new BrowserWindow({ ...PRINT_WINDOW_OPTIONS, webPreferences: { ...PRINT_WINDOW_OPTIONS.webPreferences, session: this.session() } });
    let timer: NodeJS.Timeout | undefined;
    try {
      const printed = (async () => {
        await window.loadURL(url);
        await window.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
        return window.webContents.printToPDF(PRINT_TO_PDF_OPTIONS);
      })();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new AppError('PRINT_FAILED', `the print did not finish within ${PRINT_TIMEOUT_MS / 1000} s`)), PRINT_TIMEOUT_MS);
      });
      const pdf = new Uint8Array(await Promise.race([printed, timeout]));
      return { pdf, pages: countPdfPages(pdf), layout: null };
    } finally {
      clearTimeout(timer);
      this.current = null;
      if (!window.isDestroyed()) window.destroy();
    }
  }
}
