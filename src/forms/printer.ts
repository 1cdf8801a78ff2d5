import { PRINTABLE_WIDTH_MM } from './styles.js';

/**
 * What prints a form's or a return's self-contained HTML to PDF. Two Chromiums do it: the CLI (and the
 * development server and tests) drive a separate Chromium through playwright-core (pdf.ts); the desktop app uses
 * its own Chromium, a hidden sandboxed window's printToPDF (src/main/pdf-window.ts). The services take one of them
 * as a parameter, so neither playwright-core nor Electron is a dependency of the services (nor of main's bundle).
 */
export type PdfPrinter = {
  /** One document to PDF. `checkLayout` asks for the layout check (only the playwright printer can run it). */
  print(html: string, options?: { checkLayout?: boolean }): Promise<PrintResult>;
};

/**
 * What Save as PDF needs of a printer: a document in, its PDF and page count out. Both printers fit, and so does
 * the services thread's way to the shell's printer (ShellPrinter, src/services/host-protocol.ts).
 */
export type PrintsPdf = { print(html: string): Promise<{ pdf: Uint8Array; pages: number }> };

/** Something on the page that would not print inside the page or inside its own box. No text: only where. */
export type LayoutProblem = {
  kind: 'outside_page' | 'overflows_box' | 'overflows_cell_height';
  element: string;
  left: number;
  right: number;
  limitLeft: number;
  limitRight: number;
  /** For 'overflows_cell_height': the text's glyph box and the cell's, top to bottom (CSS px). */
  top?: number;
  bottom?: number;
  limitTop?: number;
  limitBottom?: number;
};

/** `layout` is null when the check was not asked for (or the printer cannot run it). */
export type PrintResult = { pdf: Uint8Array; pages: number; layout: LayoutProblem[] | null };

const MM_TO_CSS_PX = 96 / 25.4;
export const PRINTABLE_WIDTH_PX = PRINTABLE_WIDTH_MM * MM_TO_CSS_PX;

/** Pages in a PDF Chromium wrote (its page objects are not compressed). */
export function countPdfPages(pdf: Uint8Array): number {
  return (Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
