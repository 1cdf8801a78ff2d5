import { CASE_CATEGORIES, type CaseCategory } from '../../core/case-model.js';
import { RETURN_LABELS } from '../../core/returns/labels.js';
import { ChartFrame, FONT, Heading, INK, Label, Pattern, formatCount, headingHeight, lineHeight, niceScale, textWidth, useChartId, type ChartLang } from './svg-kit.js';

/**
 * Cases by category as horizontal bars, one per category in the register's order, each with its count written
 * at the end of the bar (so the figure reads without the axis, and in greyscale). In Urdu the labels are on the
 * right and the bars grow leftwards.
 */

export type CategoryChartProps = {
  counts: Partial<Record<CaseCategory, number>>;
  lang: ChartLang;
  width: number;
  height: number;
  title?: string;
  /** A line under the title, e.g. the month or the station. */
  subtitle?: string;
};

const TITLE = { en: 'Children by category', ur: 'بچے: قسم کے لحاظ سے' };

export function CategoryChart(props: CategoryChartProps) {
  const { lang, width, height } = props;
  const rtl = lang === 'ur';
  const id = useChartId('category');
  const title = props.title ?? TITLE[lang];
  const values = CASE_CATEGORIES.map((category) => ({ category, label: RETURN_LABELS.category[category][lang], count: props.counts[category] ?? 0 }));
  const total = values.reduce((sum, v) => sum + v.count, 0);
  const desc =
    (lang === 'en' ? `${total} cases: ` : `${total} کیس: `) +
    values.map((v) => `${v.label} ${v.count}`).join(lang === 'en' ? ', ' : '، ') +
    (lang === 'en' ? '.' : '۔');

  const small = FONT[lang].small;
  const subtitleHeight = props.subtitle ? lineHeight(lang, small) : 0;
  const top = headingHeight(lang) + subtitleHeight + 4;
  const bottom = small + 10;
  const labelWidth = Math.min(width * 0.42, Math.max(...values.map((v) => textWidth(v.label, small, lang))) + 10);
  const countRoom = textWidth(String(Math.max(...values.map((v) => v.count), 0)), small, 'en') + 10;
  const plot = {
    x: rtl ? 8 + countRoom : 8 + labelWidth,
    y: top,
    width: width - 16 - labelWidth - countRoom,
    height: height - top - bottom,
  };
  const scale = niceScale(Math.max(...values.map((v) => v.count), 0));
  const band = plot.height / values.length;
  const barHeight = Math.max(2, Math.min(22, band * 0.62));
  const length = (n: number) => (n / scale.max) * plot.width;
  const barX = (n: number) => (rtl ? plot.x + plot.width - length(n) : plot.x);
  const ticks = Array.from({ length: Math.floor(scale.max / scale.step) + 1 }, (_, i) => i * scale.step);
  const tickX = (n: number) => (rtl ? plot.x + plot.width - length(n) : plot.x + length(n));
  const fillId = `${id}-fill`;

  return (
    <ChartFrame size={{ width, height }} lang={lang} title={title} desc={desc} idPrefix={id} defs={<Pattern id={fillId} kind="hatch" />}>
      <Heading text={title} size={{ width, height }} lang={lang} />
      {props.subtitle ? (
        <Label x={rtl ? width - 8 : 8} y={headingHeight(lang) + small} lang={lang} anchor={rtl ? 'right' : 'left'} size={small} fill={INK.mid} maxWidth={width - 16}>
          {props.subtitle}
        </Label>
      ) : null}
      {ticks.map((t) => (
        <g key={t}>
          <line x1={tickX(t)} x2={tickX(t)} y1={plot.y} y2={plot.y + plot.height} stroke={INK.grid} strokeWidth={0.6} />
          <Label x={tickX(t)} y={plot.y + plot.height + small + 4} lang="en" anchor="middle" size={small - 1} fill={INK.mid}>
            {formatCount(t)}
          </Label>
        </g>
      ))}
      {values.map((v, i) => {
        const y = plot.y + i * band + (band - barHeight) / 2;
        const w = length(v.count);
        const labelX = rtl ? plot.x + plot.width + 6 : plot.x - 6;
        const countX = rtl ? barX(v.count) - 4 : plot.x + w + 4;
        return (
          <g key={v.category}>
            <Label x={labelX} y={y + barHeight / 2 + small / 3} lang={lang} anchor={rtl ? 'left' : 'right'} size={small} maxWidth={labelWidth - 8}>
              {v.label}
            </Label>
            {w > 0 ? <rect x={barX(v.count)} y={y} width={w} height={barHeight} fill={`url(#${fillId})`} stroke={INK.dark} strokeWidth={0.8} /> : null}
            <Label x={countX} y={y + barHeight / 2 + small / 3} lang="en" anchor={rtl ? 'right' : 'left'} size={small} weight="bold">
              {formatCount(v.count)}
            </Label>
          </g>
        );
      })}
      <line x1={rtl ? plot.x + plot.width : plot.x} x2={rtl ? plot.x + plot.width : plot.x} y1={plot.y} y2={plot.y + plot.height} stroke={INK.dark} strokeWidth={1} />
    </ChartFrame>
  );
}
