import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_FILES, fontFaceCss, type FontFile } from './fonts.js';

/**
 * Node side of fonts.ts: reads the woff2 files once per process. Built code (the desktop app's main, the CLI)
 * finds them in `fonts/` beside its bundle, where the build copies them (FONTS_FOLDER_NAME): the installed app
 * has no node_modules/@fontsource. Run from the sources (tests, the development server), they come from the
 * installed @fontsource packages.
 */

export const FONTS_FOLDER_NAME = 'fonts';

const require = createRequire(import.meta.url);
const besideBundle = fileURLToPath(new URL(`./${FONTS_FOLDER_NAME}/`, import.meta.url));
const fromSources = import.meta.url.endsWith('.ts');
let cached: string | null = null;

/** Where one font file is: beside the bundle in built code, in its package when run from the sources. */
export function fontFilePath(font: FontFile): string {
  if (fromSources) return require.resolve(`${font.pkg}/files/${font.file}`);
  return join(besideBundle, font.file);
}

function base64Of(font: FontFile): string {
  const path = fontFilePath(font);
  if (!fromSources && !existsSync(path)) throw new Error(`The print font ${font.file} is missing beside the app (${path}); the build copies it there.`);
  return readFileSync(path).toString('base64');
}

export function embeddedFontCss(): string {
  cached ??= fontFaceCss(base64Of);
  return cached;
}

export { FONT_FILES };
