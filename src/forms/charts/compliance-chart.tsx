import type { Bilingual } from '../../core/checklist/rules.js';
import { RETURN_LABELS, fillHours, shortMonthLabel, monthLabel } from '../../core/returns/labels.js';
import type { CompliancePoint, ComplianceSeries } from '../../core/returns/types.js';
import { ChartFrame, FONT, Heading, INK, Label, Legend, formatPercent, headingHeight, lineHeight, useChartId, type ChartLang } from './svg-kit.js';

/**
 * Compliance over months as small multiples: one panel per police station (and one for the district first),
 * each with two lines, the share of arrested juveniles produced before the court within 24 h (A6, solid line,
 * filled circles) and the share whose guardian was informed within the target (A2, dashed line, open squares).
 * A month with no arrest has no point: the line breaks rather than dropping to zero. In Urdu, time runs from
 * right to left and the percentage labels sit on the right.
 */

export type ComplianceChartProps = {
  series: Pick<ComplianceSeries, 'months' | 'stations' | 'district' | 'asapTargetHours'>;
  lang: ChartLang;
  width: number;
  height: number;
  /** Show the district panel first (default true). */
  showDistrict?: boolean;
  title?: string;
};

const WORDS = {
  title: { en: 'Custody compliance by police station', ur: 'تھانہ وار حراستی قواعد کی پابندی' },
  produced: RETURN_LABELS.figure.producedWithin24h,
  guardian: RETURN_LABELS.figure.guardianWithinTarget,
  noArrests: { en: 'no arrests', ur: 'کوئی گرفتاری نہیں' },
} satisfies Record<string, Bilingual>;

type Panel = { name: string; points: CompliancePoint[] };

/** Columns for n panels so that each panel is as close to 1.6:1 as the area allows. */
function grid(n: number, width: number, height: number): { columns: number; rows: number } {
  let best = { columns: 1, rows: n, score: Infinity };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const aspect = width / columns / (height / rows);
    const score = Math.abs(Math.log(aspect / 1.6));
    if (score < best.score) best = { columns, rows, score };
  }
  return best;
}

function Line(props: { values: Array<number | null>; xAt: (i: number) => number; yAt: (v: number) => number; dashed: boolean }) {
  const segments: string[] = [];
  let current: string[] = [];
  props.values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${current.length ? 'L' : 'M'}${props.xAt(i).toFixed(1)} ${props.yAt(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  return (
    <>
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke={props.dashed ? INK.mid : INK.dark} strokeWidth={props.dashed ? 1.4 : 1.8} strokeDasharray={props.dashed ? '4 2.5' : undefined} />
      ))}
    </>
  );
}

const Circle = ({ x, y }: { x: number; y: number }) => <circle cx={x} cy={y} r={2.4} fill={INK.dark} />;
const Square = ({ x, y }: { x: number; y: number }) => <rect x={x - 2.3} y={y - 2.3} width={4.6} height={4.6} fill={INK.paper} stroke={INK.mid} strokeWidth={1.2} />;

export function ComplianceChart(props: ComplianceChartProps) {
  const { lang, width, height, series } = props;
  const rtl = lang === 'ur';
  const id = useChartId('compliance');
  const guardianLabel = fillHours(WORDS.guardian, series.asapTargetHours);
  const title = props.title ?? WORDS.title[lang];
  const months = series.months;
  const first = months[0];
  const last = months[months.length - 1];
  const period = first && last ? `${monthLabel(first)[lang]} – ${monthLabel(last)[lang]}` : '';
  const panels: Panel[] = [
    ...(props.showDistrict === false ? [] : [{ name: RETURN_LABELS.allStations[lang], points: series.district }]),
    ...series.stations.map((s) => ({ name: s.stationCode, points: s.points })),
  ];

  const describe = (panel: Panel) => {
    const arrested = panel.points.reduce((sum, p) => sum + p.arrested, 0);
    const produced = panel.points.reduce((sum, p) => sum + p.producedWithin24h.count, 0);
    const informed = panel.points.reduce((sum, p) => sum + p.guardianWithinTarget.count, 0);
    return lang === 'en'
      ? `${panel.name}: ${arrested} arrested, ${produced} produced within 24 h, ${informed} guardians informed in time`
      : `${panel.name}: ${arrested} گرفتار، ${produced} کی 24 گھنٹوں میں پیشی، ${informed} کے سرپرست کو بروقت اطلاع`;
  };
  const desc =
    (lang === 'en'
      ? `${WORDS.produced.en} and ${guardianLabel.en.toLowerCase()}, as a share of juveniles arrested, per police station and month, ${period}. `
      : `${WORDS.produced.ur} اور ${guardianLabel.ur}، گرفتار کم عمر ملزمان میں سے فیصد، تھانہ اور مہینہ وار، ${period}۔ `) +
    panels.map(describe).join(lang === 'en' ? '; ' : '؛ ') +
    (lang === 'en' ? '.' : '۔');

  const headerHeight = headingHeight(lang);
  const legendHeight = Math.max(18, lineHeight(lang, FONT[lang].small));
  const top = headerHeight + legendHeight + 6;
  const area = { x: 6, y: top, width: width - 12, height: height - top - 4 };
  const { columns, rows } = grid(Math.max(1, panels.length), area.width, area.height);
  const cellW = area.width / columns;
  const cellH = area.height / rows;
  const small = FONT[lang].small;
  const axisLabelWidth = 26;
  const monthRow = small + 6;

  return (
    <ChartFrame size={{ width, height }} lang={lang} title={title} desc={desc} idPrefix={id}>
      <Heading text={title} size={{ width, height }} lang={lang} />
      <Legend
        lang={lang}
        x={8}
        y={headerHeight}
        maxWidth={width - 16}
        items={[
          { label: WORDS.produced, swatch: <><path d="M0 6H22" stroke={INK.dark} strokeWidth={1.8} /><Circle x={11} y={6} /></> },
          { label: guardianLabel, swatch: <><path d="M0 6H22" stroke={INK.mid} strokeWidth={1.4} strokeDasharray="4 2.5" /><Square x={11} y={6} /></> },
        ]}
      />
      {panels.map((panel, index) => {
        const column = index % columns;
        const row = Math.floor(index / columns);
        // Panels fill from the reading side: in Urdu the first panel is at the top right.
        const cellX = area.x + (rtl ? columns - 1 - column : column) * cellW;
        const cellY = area.y + row * cellH;
        const plot = {
          x: cellX + (rtl ? 4 : axisLabelWidth),
          y: cellY + small + 8,
          width: cellW - axisLabelWidth - 4,
          height: cellH - small - 8 - monthRow - 4,
        };
        const n = months.length;
        const xAt = (i: number) => {
          const t = n <= 1 ? 0.5 : i / (n - 1);
          return rtl ? plot.x + plot.width - t * plot.width : plot.x + t * plot.width;
        };
        const yAt = (v: number) => plot.y + plot.height - (v / 100) * plot.height;
        const produced = panel.points.map((p) => p.producedWithin24h.percent);
        const guardian = panel.points.map((p) => p.guardianWithinTarget.percent);
        const arrested = panel.points.reduce((sum, p) => sum + p.arrested, 0);
        const axisX = rtl ? plot.x + plot.width + 3 : plot.x - 3;
        const panelTitle = `${panel.name} (${arrested})`;
        return (
          <g key={panel.name}>
            <Label x={rtl ? plot.x + plot.width : plot.x} y={cellY + small + 2} lang={lang} anchor={rtl ? 'right' : 'left'} size={small} weight="bold" maxWidth={plot.width}>
              {panelTitle}
            </Label>
            <rect x={plot.x} y={plot.y} width={Math.max(0, plot.width)} height={Math.max(0, plot.height)} fill="none" stroke={INK.grid} strokeWidth={0.8} />
            {[50].map((v) => (
              <line key={v} x1={plot.x} x2={plot.x + plot.width} y1={yAt(v)} y2={yAt(v)} stroke={INK.grid} strokeWidth={0.6} strokeDasharray="2 2" />
            ))}
            {[0, 50, 100].map((v) => (
              <Label key={v} x={axisX} y={yAt(v) + small / 3} lang="en" anchor={rtl ? 'left' : 'right'} size={small - 1} fill={INK.mid}>
                {formatPercent(v)}
              </Label>
            ))}
            <Line values={guardian} xAt={xAt} yAt={yAt} dashed />
            <Line values={produced} xAt={xAt} yAt={yAt} dashed={false} />
            {guardian.map((v, i) => (v === null ? null : <Square key={`g${i}`} x={xAt(i)} y={yAt(v)} />))}
            {produced.map((v, i) => (v === null ? null : <Circle key={`p${i}`} x={xAt(i)} y={yAt(v)} />))}
            {arrested === 0 ? (
              <Label x={plot.x + plot.width / 2} y={plot.y + plot.height / 2} lang={lang} anchor="middle" size={small} fill={INK.mid}>
                {WORDS.noArrests[lang]}
              </Label>
            ) : null}
            {n > 0 && index + columns >= panels.length
              ? [0, n - 1].filter((i, k, all) => all.indexOf(i) === k).map((i) => (
                  <Label key={`m${i}`} x={xAt(i)} y={plot.y + plot.height + small + 3} lang={lang} anchor={n === 1 ? 'middle' : (i === 0) !== rtl ? 'left' : 'right'} size={small - 1} fill={INK.mid}>
                    {shortMonthLabel(months[i]!)[lang]}
                  </Label>
                ))
              : null}
          </g>
        );
      })}
    </ChartFrame>
  );
}
