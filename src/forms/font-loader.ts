import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FONT_FILES, fontFaceCss, type FontFile } from './fonts.js';

/** Node side of fonts.ts: reads the woff2 files from the installed @fontsource packages, once per process. */

const require = createRequire(import.meta.url);
let cached: string | null = null;

function base64Of(font: FontFile): string {
  return readFileSync(require.resolve(`${font.pkg}/files/${font.file}`)).toString('base64');
}

export function embeddedFontCss(): string {
  cached ??= fontFaceCss(base64Of);
  return cached;
}

export { FONT_FILES };
