/**
 * The fonts every form embeds (never fetched): Noto Sans for Latin text and Noto Nastaliq Urdu for Urdu, from
 * the @fontsource packages. Pure: the caller supplies each file's bytes as base64 (font-loader.ts reads them
 * in Node; the renderer can import them with its bundler).
 */

export type FontFile = { pkg: string; file: string; family: string; weight: number; unicodeRange: string };

const LATIN = 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const ARABIC = 'U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC';

export const FONT_FILES: readonly FontFile[] = [
  ...[400, 600, 700].map((weight) => ({ pkg: '@fontsource/noto-sans', file: `noto-sans-latin-${weight}-normal.woff2`, family: 'Noto Sans', weight, unicodeRange: LATIN })),
  ...[400, 700].map((weight) => ({ pkg: '@fontsource/noto-nastaliq-urdu', file: `noto-nastaliq-urdu-arabic-${weight}-normal.woff2`, family: 'Noto Nastaliq Urdu', weight, unicodeRange: ARABIC })),
];

/** @font-face rules with the fonts inline as data: URLs. */
export function fontFaceCss(base64Of: (font: FontFile) => string): string {
  return FONT_FILES.map(
    (font) =>
      `@font-face{font-family:'${font.family}';font-style:normal;font-weight:${font.weight};font-display:block;` +
      `src:url(data:font/woff2;base64,${base64Of(font)}) format('woff2');unicode-range:${font.unicodeRange};}`,
  ).join('\n');
}
