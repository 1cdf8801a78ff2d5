import { AppError } from '../core/errors.js';
import type { PdfPrinter, PrintResult } from '../forms/printer.js';
import type { PrintAnswer, PrintRequest } from './host-protocol.js';

/**
 * The services thread's side of the shell's printer: `print(html)` posts the document to the shell (which owns
 * the real printer: Electron's own Chromium on main's thread, the dev server's Chromium) and waits for its PDF.
 * A PdfPrinter like any other, so the services do not know where printing happens.
 */
export class ShellPrinter implements PdfPrinter {
  private lastId = 0;
  private readonly waiting = new Map<number, { resolve: (result: PrintResult) => void; reject: (error: AppError) => void }>();

  constructor(private readonly post: (request: PrintRequest) => void) {}

  print(html: string): Promise<PrintResult> {
    const printId = ++this.lastId;
    return new Promise<PrintResult>((resolve, reject) => {
      this.waiting.set(printId, { resolve, reject });
      this.post({ type: 'print', printId, html });
    });
  }

  /** The shell's answer to one print. */
  answered(answer: PrintAnswer): void {
    const waiting = this.waiting.get(answer.printId);
    if (!waiting) return;
    this.waiting.delete(answer.printId);
    if (answer.ok) waiting.resolve({ pdf: answer.pdf, pages: answer.pages, layout: null });
    else waiting.reject(new AppError(answer.failure.code, answer.failure.detail, { errorId: answer.failure.errorId }));
  }
}
