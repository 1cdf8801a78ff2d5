import type { FormLang } from './types.js';

/**
 * Print CSS for every form: A4 with margins, a running footer with the case number and page count in the
 * page margin, black on white (station printers are monochrome), tables that never spill out of the page.
 * The page box sizes are exported: the layout check in pdf.ts measures against the same numbers.
 */

export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginTopMm: 11,
  marginRightMm: 12,
  marginBottomMm: 13,
  marginLeftMm: 12,
};

export const PRINTABLE_WIDTH_MM = PAGE.widthMm - PAGE.marginLeftMm - PAGE.marginRightMm;
export const PRINTABLE_HEIGHT_MM = PAGE.heightMm - PAGE.marginTopMm - PAGE.marginBottomMm;

const SANS = "'Noto Sans', 'Noto Nastaliq Urdu', sans-serif";
const NASTALIQ = "'Noto Nastaliq Urdu', 'Noto Sans', serif";

/** A CSS string literal for the running footer (only case numbers and form names go in: no quotes to escape). */
const cssString = (text: string) => `"${text.replace(/["\\\n]/g, '')}"`;

export function formCss(options: { lang: FormLang; footer: string; header?: string }): string {
  const urdu = options.lang === 'ur';
  return `
@page {
  size: A4;
  margin: ${PAGE.marginTopMm}mm ${PAGE.marginRightMm}mm ${PAGE.marginBottomMm}mm ${PAGE.marginLeftMm}mm;
  @bottom-left { content: ${cssString(options.footer)}; direction: ltr; font-family: 'Noto Sans', sans-serif; font-size: 7pt; color: #333; }
  @bottom-right { content: counter(page) " / " counter(pages); direction: ltr; font-family: 'Noto Sans', sans-serif; font-size: 7pt; color: #333; }
  @top-left { content: ${cssString(options.header ?? options.footer)}; direction: ltr; font-family: 'Noto Sans', sans-serif; font-size: 7pt; font-weight: 600; color: #000; vertical-align: bottom; padding-bottom: 1.5mm; }
  @top-right { content: "page " counter(page) " of " counter(pages); direction: ltr; font-family: 'Noto Sans', sans-serif; font-size: 7pt; color: #333; vertical-align: bottom; padding-bottom: 1.5mm; }
}
/* The first page has the full header (case number, QR); a continuation page carries the case number and its
   page number in the top margin, so a loose sheet still says which case and form it belongs to. */
@page :first {
  @top-left { content: none; }
  @top-right { content: none; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; background: #fff; font-family: ${urdu ? NASTALIQ : SANS}; font-size: ${urdu ? '9pt' : options.lang === 'both' ? '8.1pt' : '8.6pt'}; line-height: ${urdu ? 1.9 : 1.35}; }
[lang="ur"] { font-family: ${NASTALIQ}; line-height: 1.9; }
[lang="en"] { font-family: ${SANS}; line-height: 1.35; }
.form { width: 100%; }
/* Nastaliq strokes rise far above the line box (up to 2 em). A line that starts a new page would lose them to
   the page before; padding repeated on every page's fragment of the body keeps them on their own page. */
main { box-decoration-break: clone; -webkit-box-decoration-break: clone; padding-top: 2.5mm; }
p { margin: 0; }
bdi.v { font-weight: 600; unicode-bidi: isolate; }
.blank { display: inline-block; width: 32mm; max-width: 100%; height: 1.1em; border-bottom: 0.6pt dotted #333; vertical-align: baseline; }
.blank-wide { width: 100%; }

.head { display: flex; gap: 4mm; align-items: flex-start; border-bottom: 1.4pt solid #000; padding-bottom: 2mm; margin-bottom: 1.5mm; }
.head-main { flex: 1 1 auto; min-width: 0; }
.agency { display: flex; justify-content: space-between; gap: 3mm; font-size: 8.5pt; font-weight: 700; letter-spacing: 0.02em; }
.form-code { font-weight: 600; border: 0.8pt solid #000; padding: 0 1.8mm; font-size: 7.5pt; white-space: nowrap; line-height: 1.5; height: fit-content; }
.station { font-size: 8pt; }
h1 { font-size: ${urdu ? '14pt' : '14pt'}; line-height: ${urdu ? 1.8 : 1.2}; margin: 1mm 0 0.5mm; font-weight: 700; }
.basis { font-size: 7.5pt; color: #222; margin-bottom: 1mm; }
.qr { flex: 0 0 31mm; width: 31mm; text-align: center; }
.qr-svg { display: block; width: 31mm; height: 31mm; }
.qr-preview { width: 31mm; height: 31mm; border: 1pt dashed #000; display: flex; align-items: center; justify-content: center; font-size: 7pt; line-height: 1.3; padding: 2mm; }
.qr-caption { font-size: 6.3pt; line-height: 1.3; color: #222; }
.qr-caption [lang="ur"], html[lang="ur"] .qr-caption { line-height: 1.7; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 0.5pt solid #555; padding: 0.5mm 1.4mm; vertical-align: top; text-align: start; overflow-wrap: anywhere; word-break: normal; }
th { background: #efefef; font-weight: 600; font-size: 0.93em; }
/* Nastaliq's strokes (the rising bar of ک and گ) reach almost 2 em above the baseline, far above the line
   box: a cell's first Urdu line needs room under the rule or its ink prints across it. pdf.ts measures the
   ink against the cell (overflows_cell_height). */
${options.lang === 'en' ? 'th:has([lang="ur"]), td:has([lang="ur"]) { padding-top: 0.86em; padding-bottom: 0.2mm; }' : 'th, td { padding-top: 0.86em; padding-bottom: 0.2mm; } .grid thead th { padding-top: 1em; }'}
.meta { margin-top: 1mm; font-size: 7.8pt; }
.meta th { width: ${options.lang === 'both' ? '21%' : '17%'}; }
.meta td { width: ${options.lang === 'both' ? '29%' : '33%'}; }
.agency .bi { display: flex; flex-direction: row; flex-wrap: wrap; column-gap: 4mm; }
.agency .bi > [lang="ur"] { padding-top: 0; }
.meta td.case-number bdi { font-size: 9pt; }
.confidential { font-size: 6.8pt; color: #222; margin: 0 0 1mm; }

.sec { margin-top: 2.2mm; }
.sec h2 { break-inside: avoid; break-after: avoid; }
.sec h2 { font-size: 9.2pt; margin: 0 0 0.8mm; padding: 0.2mm 2mm; background: #dcdcdc; border-inline-start: 2.2pt solid #000; font-weight: 700; line-height: ${urdu ? 1.8 : 1.35}; }
.fields col.c-label { width: ${options.lang === 'both' ? '21%' : '18%'}; }
.fields col.c-value { width: ${options.lang === 'both' ? '29%' : '32%'}; }
.grid thead th { font-size: 0.9em; }
tr, .para, .ticks, .tick { break-inside: avoid; }
.notes { break-inside: auto; }
.w-num { width: 6%; }
.w-rule { width: 7%; }
.w-state { width: 11%; }
.w-time { width: 16%; }
.w-done { width: 22%; }
.w-basis { width: 20%; }
.w-topic { width: 18%; }
.w-step { width: 42%; }
.positions td { font-size: 0.95em; }
tr.unconfirmed td { background: #f4f4f4; font-style: ${urdu ? 'normal' : 'italic'}; }
.status-line { font-size: 0.82em; color: #222; font-style: normal; font-weight: 600; }
.evidence { font-size: 0.85em; color: #222; }
.checklist table { font-size: 0.92em; }
.para { margin: 0.8mm 0; text-align: justify; }
.para-bi-side { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.para-bi-side > .para, .para-bi-stacked > .para { margin: 0.6mm 0; }
.small { font-size: 0.88em; }
.addressee { margin-top: 2mm; font-size: 1.05em; }
.muted { color: #222; }
.warn { font-weight: 700; border: 0.8pt solid #000; padding: 1mm 2mm; }
.notes { white-space: pre-wrap; border: 0.5pt solid #555; padding: 1mm 1.5mm; }
.rule-lines { margin: 0.6mm 0; padding-inline-start: 4mm; }
.rule-lines li { break-inside: avoid; }
.rule-lines .para { margin: 0.3mm 0; }
.problems { margin: 1mm 0; padding-inline-start: 5mm; font-weight: 600; }

.bi-stacked { display: inline-flex; flex-direction: column; }
.bi-stacked > [lang="ur"] { line-height: 1.95; padding-top: 0.5mm; font-size: 0.95em; }
.bi-side { display: inline-flex; flex-wrap: wrap; column-gap: 2mm; justify-content: space-between; width: 100%; }
/* A label or a short value in a table cell: English at the start and Urdu at the end of one line when both
   fit, the Urdu wrapping under the English when they do not. Two stacked lines for every label would push
   most bilingual forms onto a second sheet. */
th .bi-stacked, td > .bi-stacked:only-child { display: flex; flex-direction: row; flex-wrap: wrap; justify-content: space-between; align-items: baseline; column-gap: 2mm; width: 100%; }
td .bi-stacked { display: inline-flex; flex-direction: row; flex-wrap: wrap; column-gap: 2mm; }
th .bi-stacked > [lang="ur"], td .bi-stacked > [lang="ur"] { padding-top: 0; margin-inline-start: auto; }
/* Headings carry both languages on one line in either layout: English at the start, Urdu at the end. */
h1 .bi, h2 .bi, .sign-role .bi { display: flex; flex-direction: row; flex-wrap: wrap; justify-content: space-between; column-gap: 3mm; width: 100%; }
h1 .bi > [lang="ur"], h2 .bi > [lang="ur"], .sign-role .bi > [lang="ur"] { padding-top: 0; }
.ticks { display: flex; flex-wrap: wrap; gap: 1mm 6mm; margin: 1mm 0; }
.tick { display: inline-flex; align-items: center; gap: 1.2mm; }
.box { display: inline-block; flex: none; width: 3.4mm; height: 3.4mm; border: 0.8pt solid #000; text-align: center; font-size: 7pt; line-height: 3.2mm; font-family: 'Noto Sans', sans-serif; }
.box-on::after { content: ''; display: block; width: 1.3mm; height: 2.3mm; margin: 0.15mm auto 0; border: solid #000; border-width: 0 1pt 1pt 0; transform: rotate(45deg); }
.order-box { border: 0.6pt solid #333; height: 16mm; padding: 1mm 2mm; font-size: 7.8pt; margin-top: 1.5mm; }
.write-lines div { border-bottom: 0.5pt solid #777; height: 7mm; }

.signs { display: flex; gap: 3mm; margin-top: 3mm; break-inside: avoid; break-before: avoid; align-items: stretch; }
/* The last section and the signatures go to the page together: signatures alone on a sheet sign nothing. */
.closing { break-inside: avoid; }
.closing-tail { break-before: avoid; }
/* In both languages a signature line's label is one line (English at the start, Urdu at the end). */
.sign-line .bi { display: flex; flex-direction: row; justify-content: space-between; column-gap: 2mm; width: 100%; }
.sign-line .bi > [lang="ur"] { padding-top: 0; line-height: 1.7; }
.sign { flex: 1 1 0; min-width: 0; border: 0.6pt solid #333; padding: 1mm 2mm 1.5mm; }
.sign-role { font-weight: 700; font-size: 8pt; }
.sign-line { border-bottom: 0.5pt solid #888; padding-top: 5mm; font-size: 7pt; color: #222; line-height: 1.5; }
/* Room to sign on the first line; the name and the date need less. */
.sign-line + .sign-line { padding-top: 2.6mm; }
.lang-both .sign-role { font-size: 7.5pt; }
.stamp { flex: 0 0 26mm; width: 26mm; height: 26mm; align-self: center; border: 1pt dashed #222; border-radius: 50%; display: flex; align-items: center; justify-content: center; text-align: center; font-size: 7pt; color: #333; padding: 2mm; }
`;
}
