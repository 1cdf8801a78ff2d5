import { RETURN_LABELS, monthLabel, shortMonthLabel } from '../../core/returns/labels.js';
import type { MissingPoint } from '../../core/returns/types.js';
import { ChartFrame, FONT, Heading, INK, Label, Legend, Pattern, formatCount, headingHeight, lineHeight, niceScale, useChartId, type ChartLang } from './svg-kit.js';

/**
 * Missing children per month: a pair of bars for each month, reported in the month (solid) and recovered in
 * the month (hatched; whenever the child was reported, as the monthly return counts them), with the counts
 * over the bars when there is room. In Urdu the months run from right to left.
 */

export type MissingRecoveredChartProps = {
  points: readonly MissingPoint[];
  lang: ChartLang;
  width: number;
  height: number;
  title?: string;
};

const TITLE = { en: 'Missing children: reported and recovered', ur: 'گمشدہ بچے: رپورٹ اور بازیابی' };

export function MissingRecoveredChart(props: MissingRecoveredChartProps) {
  const { lang, width, height, points } = props;
  const rtl = lang === 'ur';
  const id = useChartId('missing');
  const title = props.title ?? TITLE[lang];
  const reportedLabel = RETURN_LABELS.figure.missingReported;
  const recoveredLabel = RETURN_LABELS.figure.missingRecovered;
  const desc =
    points
      .map((p) =>
        lang === 'en'
          ? `${monthLabel(p.month).en}: ${p.reported} reported, ${p.recovered} recovered`
          : `${monthLabel(p.month).ur}: ${p.reported} رپورٹ، ${p.recovered} بازیاب`,
      )
      .join(lang === 'en' ? '; ' : '؛ ') + (lang === 'en' ? '.' : '۔');

  const small = FONT[lang].small;
  const legendTop = headingHeight(lang);
  const top = legendTop + Math.max(20, lineHeight(lang, small));
  const axisWidth = 30;
  const plot = {
    x: rtl ? 10 : 8 + axisWidth,
    y: top + 6,
    width: width - 18 - axisWidth,
    height: height - top - 6 - (small + 12),
  };
  const scale = niceScale(Math.max(0, ...points.map((p) => Math.max(p.reported, p.recovered))));
  const yAt = (n: number) => plot.y + plot.height - (n / scale.max) * plot.height;
  const slot = plot.width / Math.max(1, points.length);
  const barWidth = Math.max(1, Math.min(18, (slot * 0.7) / 2));
  const showCounts = barWidth >= 7;
  // Show every k-th month label so that the labels do not collide.
  const every = Math.max(1, Math.ceil((small * 4.2) / slot));
  const slotX = (i: number) => (rtl ? plot.x + plot.width - (i + 1) * slot : plot.x + i * slot);
  const ticks = Array.from({ length: Math.floor(scale.max / scale.step) + 1 }, (_, i) => i * scale.step);
  const solid = `${id}-solid`;
  const hatch = `${id}-hatch`;
  const axisX = rtl ? plot.x + plot.width + 4 : plot.x - 4;

  return (
    <ChartFrame
      size={{ width, height }}
      lang={lang}
      title={title}
      desc={desc}
      idPrefix={id}
      defs={
        <>
          <Pattern id={solid} kind="solid" />
          <Pattern id={hatch} kind="hatch" />
        </>
      }
    >
      <Heading text={title} size={{ width, height }} lang={lang} />
      <Legend
        lang={lang}
        x={8}
        y={legendTop}
        maxWidth={Math.min(width - 16, 420)}
        items={[
          { label: reportedLabel, swatch: <rect width={22} height={12} fill={`url(#${solid})`} stroke={INK.dark} strokeWidth={0.8} /> },
          { label: recoveredLabel, swatch: <rect width={22} height={12} fill={`url(#${hatch})`} stroke={INK.dark} strokeWidth={0.8} /> },
        ]}
      />
      {ticks.map((t) => (
        <g key={t}>
          <line x1={plot.x} x2={plot.x + plot.width} y1={yAt(t)} y2={yAt(t)} stroke={INK.grid} strokeWidth={0.6} />
          <Label x={axisX} y={yAt(t) + small / 3} lang="en" anchor={rtl ? 'left' : 'right'} size={small - 1} fill={INK.mid}>
            {formatCount(t)}
          </Label>
        </g>
      ))}
      {points.map((p, i) => {
        const x0 = slotX(i) + (slot - barWidth * 2) / 2;
        // The reported bar comes first in reading order: left in English, right in Urdu.
        const [reportedX, recoveredX] = rtl ? [x0 + barWidth, x0] : [x0, x0 + barWidth];
        return (
          <g key={p.month}>
            <rect x={reportedX} y={yAt(p.reported)} width={barWidth} height={plot.y + plot.height - yAt(p.reported)} fill={`url(#${solid})`} stroke={INK.dark} strokeWidth={0.6} />
            <rect x={recoveredX} y={yAt(p.recovered)} width={barWidth} height={plot.y + plot.height - yAt(p.recovered)} fill={`url(#${hatch})`} stroke={INK.dark} strokeWidth={0.6} />
            {showCounts ? (
              <>
                <Label x={reportedX + barWidth / 2} y={yAt(p.reported) - 2} lang="en" anchor="middle" size={small - 2}>
                  {formatCount(p.reported)}
                </Label>
                <Label x={recoveredX + barWidth / 2} y={yAt(p.recovered) - 2} lang="en" anchor="middle" size={small - 2}>
                  {formatCount(p.recovered)}
                </Label>
              </>
            ) : null}
            {i % every === 0 ? (
              <Label x={slotX(i) + slot / 2} y={plot.y + plot.height + small + 4} lang={lang} anchor="middle" size={small - 1} fill={INK.mid}>
                {shortMonthLabel(p.month)[lang]}
              </Label>
            ) : null}
          </g>
        );
      })}
      <line x1={plot.x} x2={plot.x + plot.width} y1={plot.y + plot.height} y2={plot.y + plot.height} stroke={INK.dark} strokeWidth={1} />
    </ChartFrame>
  );
}
