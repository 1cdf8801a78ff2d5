import { useId, type ReactNode } from 'react';
import type { Bilingual } from '../../core/checklist/rules.js';
import type { ReturnLang } from '../../core/returns/labels.js';

/**
 * Shared pieces of the district charts. Why hand-built SVG and no chart library:
 * - the charts go on paper (the monthly return is printed and signed) and in the Electron window: a static SVG
 *   prints crisp at any size, needs no script to draw, and renders the same in renderToStaticMarkup, in the
 *   PDF printer and on screen;
 * - chart libraries measure text and containers in the DOM (getBBox, ResizeObserver), which does not exist in
 *   server rendering; here sizes are fixed props and text widths are estimated;
 * - Urdu: labels are set right to left and the axes mirror (time runs from right to left, values sit on the
 *   right), which libraries do not do without patching;
 * - station printers are monochrome: series differ by pattern, dash and marker, never by colour alone.
 */

export type ChartLang = ReturnLang;

export type ChartSize = { width: number; height: number };

/** Black, two greys and white: what survives a monochrome laser printer. */
export const INK = { text: '#000', dark: '#222', mid: '#666', light: '#aaa', grid: '#ccc', paper: '#fff' } as const;

export const FONT: Record<ChartLang, { family: string; size: number; small: number }> = {
  en: { family: "'Noto Sans', 'Noto Nastaliq Urdu', sans-serif", size: 11, small: 9 },
  ur: { family: "'Noto Nastaliq Urdu', 'Noto Sans', serif", size: 12, small: 10 },
};

/** An id safe inside url(#...) and aria-labelledby, unique per chart on a page. */
export function useChartId(prefix: string): string {
  return `${prefix}-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
}

/**
 * Roughly how wide a label is, in px: no DOM to measure in server rendering. Noto Sans averages ~0.56 em per
 * Latin character; Nastaliq joins letters and runs ~0.45 em per character. Digits are ~0.56 em in both.
 */
export function textWidth(text: string, fontSize: number, lang: ChartLang): number {
  const perChar = lang === 'ur' ? 0.45 : 0.56;
  let width = 0;
  for (const ch of text) width += (/[0-9]/.test(ch) ? 0.56 : ch === ' ' ? 0.28 : perChar) * fontSize;
  return width;
}

/** The label shortened with an ellipsis to fit `maxWidth`. */
export function fitText(text: string, maxWidth: number, fontSize: number, lang: ChartLang): string {
  if (textWidth(text, fontSize, lang) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, fontSize, lang) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

export type Anchor = 'left' | 'middle' | 'right';

/**
 * A label placed by its physical edge (left, middle or right at x), whatever the script: Urdu text is set right
 * to left, where SVG's text-anchor "start" means the right edge, so the anchor is translated.
 */
export function Label(props: {
  x: number;
  y: number;
  lang: ChartLang;
  anchor?: Anchor;
  size?: number;
  weight?: 'normal' | 'bold';
  fill?: string;
  children: string;
  maxWidth?: number;
}) {
  const { x, y, lang, anchor = 'left', weight = 'normal', fill = INK.text } = props;
  const size = props.size ?? FONT[lang].size;
  const rtl = lang === 'ur';
  const textAnchor = anchor === 'middle' ? 'middle' : (anchor === 'left') !== rtl ? 'start' : 'end';
  const text = props.maxWidth === undefined ? props.children : fitText(props.children, props.maxWidth, size, lang);
  return (
    <text
      x={x}
      y={y}
      fontFamily={FONT[lang].family}
      fontSize={size}
      fontWeight={weight}
      fill={fill}
      textAnchor={textAnchor}
      direction={rtl ? 'rtl' : 'ltr'}
      {...(rtl ? { unicodeBidi: 'embed' } : {})}
    >
      {text}
    </text>
  );
}

/** Numbers on axes and bars: Western digits, as the register and the printed forms use. */
export const formatCount = (n: number) => String(n);
export const formatPercent = (n: number) => `${Math.round(n)}%`;

/** A round axis maximum and step (1, 2 or 5 times a power of ten) for counts up to `max`. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const whole = Math.max(1, Math.ceil(step));
  return { max: Math.ceil(max / whole) * whole, step: whole };
}

export type PatternKind = 'solid' | 'hatch' | 'dots' | 'cross';

/** Fill patterns that tell bars apart in greyscale. */
export function Pattern({ id, kind }: { id: string; kind: PatternKind }) {
  if (kind === 'solid') {
    return (
      <pattern id={id} width="4" height="4" patternUnits="userSpaceOnUse">
        <rect width="4" height="4" fill={INK.dark} />
      </pattern>
    );
  }
  if (kind === 'hatch') {
    return (
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={INK.paper} />
        <line x1="0" y1="0" x2="0" y2="6" stroke={INK.dark} strokeWidth="2.5" />
      </pattern>
    );
  }
  if (kind === 'dots') {
    return (
      <pattern id={id} width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" fill={INK.paper} />
        <circle cx="2.5" cy="2.5" r="1.2" fill={INK.dark} />
      </pattern>
    );
  }
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse">
      <rect width="6" height="6" fill={INK.light} />
      <path d="M0 0L6 6M6 0L0 6" stroke={INK.dark} strokeWidth="0.8" />
    </pattern>
  );
}

/**
 * The frame every chart shares: fixed size, white paper, an accessible name (<title>) and description (<desc>)
 * referenced by aria-labelledby / aria-describedby, and the language and direction of its words.
 */
export function ChartFrame(props: { size: ChartSize; lang: ChartLang; title: string; desc: string; idPrefix: string; defs?: ReactNode; children: ReactNode }) {
  const { size, lang, title, desc, idPrefix } = props;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size.width}
      height={size.height}
      viewBox={`0 0 ${size.width} ${size.height}`}
      role="img"
      aria-labelledby={`${idPrefix}-title`}
      aria-describedby={`${idPrefix}-desc`}
      lang={lang}
      direction={lang === 'ur' ? 'rtl' : 'ltr'}
      fontFamily={FONT[lang].family}
    >
      <title id={`${idPrefix}-title`}>{title}</title>
      <desc id={`${idPrefix}-desc`}>{desc}</desc>
      {props.defs ? <defs>{props.defs}</defs> : null}
      <rect x="0" y="0" width={size.width} height={size.height} fill={INK.paper} />
      {props.children}
    </svg>
  );
}

/**
 * Vertical room for a line of text. Nastaliq sets its words on a slanting baseline with tall ascenders and deep
 * descenders, so an Urdu line needs about twice its font size where a Latin line needs 1.3.
 */
export function lineHeight(lang: ChartLang, fontSize: number): number {
  return Math.ceil(fontSize * (lang === 'ur' ? 2 : 1.3));
}

/** Height of the heading block (the chart title) from the top of the chart. */
export function headingHeight(lang: ChartLang): number {
  return lineHeight(lang, FONT[lang].size + 2) + 6;
}

/** The chart's heading, at the top on the reading side. */
export function Heading({ text, size, lang }: { text: string; size: ChartSize; lang: ChartLang }) {
  const rtl = lang === 'ur';
  const fontSize = FONT[lang].size + 2;
  const baseline = Math.round(fontSize * (rtl ? 1.45 : 1.05)) + 6;
  return (
    <Label x={rtl ? size.width - 8 : 8} y={baseline} lang={lang} anchor={rtl ? 'right' : 'left'} size={fontSize} weight="bold" maxWidth={size.width - 16}>
      {text}
    </Label>
  );
}

export type LegendItem = { label: Bilingual; swatch: ReactNode };

/**
 * A legend in one row from the reading side: a 22x12 swatch (drawn by the caller at 0,0) and its label.
 * Returns the height it used.
 */
export function Legend({ items, x, y, lang, maxWidth }: { items: LegendItem[]; x: number; y: number; lang: ChartLang; maxWidth: number }) {
  const rtl = lang === 'ur';
  const size = FONT[lang].small;
  const each = maxWidth / Math.max(1, items.length);
  return (
    <g>
      {items.map((item, i) => {
        const start = rtl ? x + maxWidth - i * each : x + i * each;
        const swatchX = rtl ? start - 22 : start;
        const labelX = rtl ? start - 27 : start + 27;
        return (
          <g key={i}>
            <g transform={`translate(${swatchX} ${y})`}>{item.swatch}</g>
            <Label x={labelX} y={y + 10} lang={lang} anchor={rtl ? 'right' : 'left'} size={size} maxWidth={each - 32}>
              {item.label[lang]}
            </Label>
          </g>
        );
      })}
    </g>
  );
}
