import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AppError } from '../core/errors.js';
import { countPdfPages, PRINTABLE_WIDTH_PX, type LayoutProblem, type PdfPrinter, type PrintResult } from './printer.js';

/**
 * Printing the forms' HTML to PDF in a separate Chromium through playwright-core: the CLI, the development
 * server and the tests (the desktop app prints the same HTML with its own Chromium, src/main/pdf-window.ts).
 * One warm browser and page are reused for a batch: the launch costs far more than a page. Nothing the desktop
 * app's main bundle imports may import this file (a test checks the bundle has no playwright in it).
 */

/** Quiet, offline Chromium: no GPU, no background fetches, no updates, no sync. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where Chromium (or Chrome, or Edge, which is Chromium too) is looked for, in order. */
export function chromiumCandidates(env: Record<string, string | undefined> = process.env, platform: string = process.platform): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    return roots.flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Chromium', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  if (platform === 'darwin') {
    return ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/usr/bin/microsoft-edge'];
}

/** CHILDDESK_CHROMIUM when set (and then it must exist), else the first installed candidate. */
export function findChromium(env: Record<string, string | undefined> = process.env, platform: string = process.platform, exists: (path: string) => boolean = existsSync): string {
  const named = env.CHILDDESK_CHROMIUM;
  if (named) {
    if (exists(named)) return named;
    throw new AppError('NO_CHROMIUM', `CHILDDESK_CHROMIUM is set to ${named}, which does not exist.`);
  }
  const found = chromiumCandidates(env, platform).find((path) => exists(path));
  if (!found) throw new AppError('NO_CHROMIUM', `Looked in: ${chromiumCandidates(env, platform).join(', ')}.`);
  return found;
}

export { countPdfPages, PRINTABLE_WIDTH_PX, type LayoutProblem, type PrintResult };

/**
 * Runs in the page: every element inside the printable width, and every line of text inside the box that
 * holds it (a long number in a narrow cell would otherwise spill across the ruling or off the paper). In a
 * table cell the text's glyph box (the font's ascent and descent: Nastaliq's rise far above its line) must
 * also stay between the cell's top and bottom rules, or the strokes print across them. Kept
 * as plain JavaScript text: a compiled function could carry the bundler's helpers into the page.
 */
const MEASURE_LAYOUT = `(widthPx) => {
  const tolerance = 0.75;
  const problems = [];
  const describe = (el) => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ').join('.') : '');
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -tolerance || r.right > widthPx + tolerance) {
      problems.push({ kind: 'outside_page', element: describe(el), left: r.left, right: r.right, limitLeft: 0, limitRight: widthPx });
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  // The ink of a text, from the font itself: a range's rectangles are the font's nominal box, and Nastaliq's
  // strokes rise well above it. ascent/descent: the nominal box above and below the baseline; inkUp/inkDown:
  // how far the glyphs actually reach.
  const ctx = document.createElement('canvas').getContext('2d');
  const ink = (el, text) => {
    const cs = getComputedStyle(el);
    ctx.font = cs.fontStyle + ' ' + cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
    ctx.direction = cs.direction === 'rtl' ? 'rtl' : 'ltr';
    const m = ctx.measureText(text);
    return { ascent: m.fontBoundingBoxAscent, inkUp: m.actualBoundingBoxAscent, inkDown: m.actualBoundingBoxDescent };
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent || !node.textContent.trim()) continue;
    const box = node.parentElement && node.parentElement.closest('td, th, p, li, h1, h2, .sign, .stamp, .qr, .order-box, .agency, .station, .basis, .tick');
    if (!box) continue;
    const limit = box.getBoundingClientRect();
    range.selectNodeContents(node);
    for (const rect of Array.from(range.getClientRects())) {
      if (rect.width === 0) continue;
      if (rect.left < limit.left - tolerance || rect.right > limit.right + tolerance) {
        problems.push({ kind: 'overflows_box', element: describe(box), left: rect.left, right: rect.right, limitLeft: limit.left, limitRight: limit.right });
      }
      if (box.tagName === 'TD' || box.tagName === 'TH') {
        const m = ink(node.parentElement, node.textContent.trim());
        const baseline = rect.top + m.ascent;
        const top = Math.min(rect.top, baseline - m.inkUp);
        const bottom = Math.max(rect.bottom, baseline + m.inkDown);
        if (top < limit.top - tolerance || bottom > limit.bottom + tolerance) {
          problems.push({ kind: 'overflows_cell_height', element: describe(box), left: rect.left, right: rect.right, limitLeft: limit.left, limitRight: limit.right, top, bottom, limitTop: limit.top, limitBottom: limit.bottom });
        }
      }
    }
  }
  return problems;
}`;

export class FormPrinter implements PdfPrinter {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  /**
   * Starts Chromium (found by findChromium in `env`, the process's own unless given, unless a path is given) with
   * one page set up for print layout.
   */
  static async launch(options: { executablePath?: string; env?: Record<string, string | undefined> } = {}): Promise<FormPrinter> {
    const executablePath = options.executablePath ?? findChromium(options.env);
    // Loaded here, not at the top: a command that prints nothing does not pay for playwright-core at start.
    const { chromium } = await import('playwright-core');
    let browser: Browser;
    try {
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    } catch (error) {
      throw new AppError('NO_CHROMIUM', `${executablePath} did not start (${(error as Error).message.split('\n')[0]}).`);
    }
    const context = await browser.newContext({ viewport: { width: Math.floor(PRINTABLE_WIDTH_PX), height: 1100 }, javaScriptEnabled: true, offline: true });
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    return new FormPrinter(browser, page);
  }

  /** One document to PDF; prints are queued so a batch shares the page safely. */
  print(html: string, options: { checkLayout?: boolean } = {}): Promise<PrintResult> {
    const job = this.queue.then(() => this.printNow(html, options));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async printNow(html: string, options: { checkLayout?: boolean }): Promise<PrintResult> {
    await this.page.setContent(html, { waitUntil: 'load' });
    await this.page.evaluate('document.fonts.ready.then(() => true)');
    const layout = options.checkLayout ? ((await this.page.evaluate(`(${MEASURE_LAYOUT})(${PRINTABLE_WIDTH_PX})`)) as LayoutProblem[]) : null;
    const pdf = await this.page.pdf({ preferCSSPageSize: true, printBackground: true });
    return { pdf, pages: countPdfPages(pdf), layout };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/**
 * A printer that starts Chromium at its first print and keeps it warm until closed: for a long-running host
 * (the development server) that may never print at all.
 */
export class LazyFormPrinter implements PdfPrinter {
  private started: Promise<FormPrinter> | null = null;

  print(html: string, options: { checkLayout?: boolean } = {}): Promise<PrintResult> {
    this.started ??= FormPrinter.launch();
    const started = this.started;
    // A failed start (no Chromium) is not kept: the next print tries again.
    started.catch(() => {
      if (this.started === started) this.started = null;
    });
    return started.then((printer) => printer.print(html, options));
  }

  async close(): Promise<void> {
    const started = this.started;
    this.started = null;
    if (started) await started.then((printer) => printer.close(), () => undefined);
  }
}
