import { APP_SCHEME } from './app-origin.js';

/**
 * The desktop app prints a form or the monthly return to PDF with its own Chromium: the self-contained HTML
 * (fonts inline, its own strict CSP) is loaded into a hidden, offscreen, sandboxed window with no preload, on a
 * private in-memory session, and printed with printToPDF. Every decision about that window is made here.
 *
 * Why the document is served under a one-time `app://print/<token>.html` on the private session, not loaded from
 * a data: URL: a data: URL carries the whole document (its fonts alone are about 0.5 MB), and Chromium refuses
 * URLs over 2 MB, which a large district's return can pass; the app window's session also refuses any data:
 * document (mayPageRequest). The private session serves exactly one document at exactly one URL, answers
 * nothing else, stores nothing on disk, and shares no cookies, cache or storage with the app window. Its
 * origin (`app://print`) is not the app origin, so even a document that ran script could not use the register.
 */

export const PRINT_HOST = 'print';
/** The private session's partition: no `persist:` prefix, so Chromium keeps it in memory only. */
export const PRINT_PARTITION = 'childdesk-print';

const TOKEN = /^[0-9a-f]{32}$/;

/** The one URL a document is printed from; the token is 16 random bytes in hex, made fresh for each print. */
export function printDocumentUrl(token: string): string {
  if (!TOKEN.test(token)) throw new Error('A print token is 32 lowercase hex digits.');
  return `${APP_SCHEME}://${PRINT_HOST}/${token}.html`;
}

/** The token a print URL names, or null when the URL is anything but exactly `app://print/<token>.html`. */
export function printTokenOf(url: string): string | null {
  if (typeof url !== 'string' || url.length > 200) return null;
  const match = /^app:\/\/print\/([0-9a-f]{32})\.html$/.exec(url);
  return match ? match[1]! : null;
}

/**
 * What the print window may request: its own document (the URL it was given, nothing else on app://print) and
 * the fonts and images inlined in it as data: URLs. No http(s), no file:, no other app:// URL.
 */
export function mayPrintWindowRequest(url: string, documentUrl: string): boolean {
  if (typeof url !== 'string') return false;
  if (url === documentUrl && printTokenOf(url) !== null) return true;
  return /^data:(font|image)\//i.test(url);
}

/**
 * The print document's CSP, sent as a header besides the document's own meta tag (a browser applies both): no
 * script, nothing fetched, styles and fonts and images inline only.
 */
export const PRINT_DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

/**
 * The window's settings: never shown, rendered offscreen, sandboxed, isolated, no Node and no preload (so no
 * bridge to main at all). JavaScript stays on only so that main can wait for `document.fonts.ready` before
 * printing (the document's CSP allows no script of its own). Plain data, so it is tested without Electron.
 */
export const PRINT_WINDOW_OPTIONS = {
  show: false,
  width: 794, // A4 at 96 dpi: the layout width the forms are designed for
  height: 1123,
  webPreferences: {
    offscreen: true,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: false,
    images: true,
    javascript: true,
    webgl: false,
    plugins: false,
  },
} as const;

/** printToPDF's settings: the page size and margins come from the document's own @page CSS (A4). */
export const PRINT_TO_PDF_OPTIONS = { printBackground: true, preferCSSPageSize: true } as const;

/** How long a print may take before it is abandoned (a stuck renderer must not hang the save for ever). */
export const PRINT_TIMEOUT_MS = 60_000;
