import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** poppler-utils and jsQR around a printed PDF: pages, fonts, text, word boxes, page images, the QR. */

export function pdfFonts(pdf: string): string[] {
  return execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0]!)
    .filter(Boolean);
}

export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}

export type Word = { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number; pageWidth: number; pageHeight: number };

export function pdfWords(pdf: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const words: Word[] = [];
  let page = 0;
  let size = { w: 0, h: 0 };
  for (const line of html.split('\n')) {
    const pageMatch = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (pageMatch) {
      page++;
      size = { w: Number(pageMatch[1]), h: Number(pageMatch[2]) };
      continue;
    }
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (m) words.push({ page, text: m[5]!, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), pageWidth: size.w, pageHeight: size.h });
  }
  return words;
}

/** First page (or the given page) as a PNG file, via pdftoppm. */
export function pageImage(pdf: string, outPrefix: string, dpi: number, page = 1): string {
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png', pdf, outPrefix]);
  return `${outPrefix}.png`;
}

export function readPng(path: string): PNG {
  return PNG.sync.read(readFileSync(path));
}

/** The text of the QR code on a page image, or null when none decodes. */
export function decodeQr(pngPath: string): string | null {
  const png = readPng(pngPath);
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}

/** Mean absolute difference per channel (0-255) between two images of the same size. */
export function meanPixelDifference(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    sum += Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!);
  }
  return sum / ((a.data.length / 4) * 3);
}

/** Urdu (Arabic-script) letters. */
export const URDU = /[\u0600-\u06FF]/;
