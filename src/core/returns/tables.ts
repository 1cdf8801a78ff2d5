import { CASE_CATEGORIES, GENDERS, REFERRAL_PARTNERS } from '../case-model.js';
import type { Bilingual } from '../checklist/rules.js';
import { ratio } from './count-case.js';
import { RETURN_LABELS as L, fillHours, monthLabel, type ReturnLang, type ReturnTableId } from './labels.js';
import {
  BAIL_OUTCOMES,
  DIVERSION_OUTCOMES,
  PRODUCTION_OUTCOMES,
  RETURN_AGE_BANDS,
  TIMELINESS_OUTCOMES,
  type MonthlyReturn,
  type Ratio,
  type ReturnFigures,
} from './types.js';

/**
 * The monthly return laid out as tables: what the printed return, the CSV and the XLSX show, built once here so
 * they show the same rows in the same order with the same words. A cell is a number, a label in both languages
 * (the writer picks one), a literal string (station codes, months) or empty.
 *
 * - returnTables: one wide table per subject, a row per station and a last row for all stations.
 * - returnDataTable: every figure as one row (station, figure, breakdown, count, out of, percent, key): the
 *   long format a CPU officer pivots in Excel. `key` is a stable code, the same in both languages.
 * - returnAboutTable: district, month, period, target and the definitions.
 */

export type ReturnCell = string | number | null | Bilingual;
export type ReturnColumn = { key: string; label: Bilingual; kind: 'label' | 'count' | 'percent'; width: number };
export type ReturnTable = {
  id: ReturnTableId | 'data' | 'about';
  title: Bilingual;
  /** A short name for a spreadsheet tab (at most 31 characters). */
  sheet: Bilingual;
  note: Bilingual;
  columns: ReturnColumn[];
  rows: ReturnCell[][];
};

export function isBilingual(cell: ReturnCell): cell is Bilingual {
  return typeof cell === 'object' && cell !== null;
}

/** The cell as one language shows it. */
export function cellIn(cell: ReturnCell, lang: ReturnLang): string | number | null {
  return isBilingual(cell) ? cell[lang] : cell;
}

const col = (key: string, label: Bilingual, kind: ReturnColumn['kind'] = 'count', width = kind === 'label' ? 26 : kind === 'percent' ? 10 : 11): ReturnColumn => ({ key, label, kind, width });
const stationCol = () => col('station', L.column.station, 'label', 16);
const pct = (value: Ratio) => value.percent;
const withSuffix = (label: Bilingual, en: string, ur: string): Bilingual => ({ en: `${label.en} ${en}`, ur: `${label.ur} ${ur}` });

type Line = { station: ReturnCell; figures: ReturnFigures; key: string };

function lines(result: MonthlyReturn): Line[] {
  return [
    ...result.stations.map((s) => ({ station: s.stationCode, figures: s, key: s.stationCode })),
    { station: L.allStations, figures: result.total, key: '*' },
  ];
}

function table(id: ReturnTableId, columns: ReturnColumn[], rows: ReturnCell[][]): ReturnTable {
  const { title, sheet, note } = L.table[id];
  return { id, title, sheet, note, columns, rows };
}

/** The wide tables, in the order of the printed return. */
export function returnTables(result: MonthlyReturn): ReturnTable[] {
  const all = lines(result);
  const hours = result.asapTargetHours;
  const guardianWithin = fillHours(L.figure.guardianWithinTarget, hours);

  const summary = table(
    'summary',
    [
      stationCol(),
      col('cases', L.figure.cases),
      col('juvenilesAccused', L.figure.juvenilesAccused),
      col('arrested', L.figure.arrested),
      col('producedWithin24h', L.figure.producedWithin24h),
      col('producedWithin24hPercent', L.column.percentOfArrested, 'percent'),
      col('guardianWithinTarget', guardianWithin),
      col('guardianWithinTargetPercent', L.column.percentOfArrested, 'percent'),
      col('legalWithin24h', L.figure.legalWithin24h),
      col('legalWithin24hPercent', L.column.percentOfArrested, 'percent'),
      col('lockupOrJail', L.figure.lockupOrJail),
      col('missingReported', L.figure.missingReported),
      col('missingRecovered', L.figure.missingRecovered),
      col('referralsTotal', L.figure.referralsTotal),
    ],
    all.map(({ station, figures: f }) => [
      station,
      f.cases,
      f.juvenilesAccused,
      f.arrested,
      f.production.within24h.count,
      pct(f.production.within24h),
      f.guardianInformed.withinTarget.count,
      pct(f.guardianInformed.withinTarget),
      f.legalAssistance.within24h.count,
      pct(f.legalAssistance.within24h),
      f.lockupOrJail.count,
      f.missing.reported,
      f.missing.recovered.count,
      f.referrals.total,
    ]),
  );

  const children = table(
    'children',
    [
      stationCol(),
      col('category', L.column.category, 'label', 30),
      col('gender', L.column.gender, 'label', 12),
      ...RETURN_AGE_BANDS.map((band) => col(`age.${band}`, L.ageBand[band])),
      col('total', L.column.total),
    ],
    all.flatMap(({ station, figures: f, key }) =>
      CASE_CATEGORIES.flatMap((category) =>
        GENDERS.flatMap((gender) => {
          const counts = RETURN_AGE_BANDS.map((band) => f.children[category][gender][band]);
          const total = counts.reduce((sum, n) => sum + n, 0);
          // Stations list only the rows they have; the district lists every row, zeros too.
          return total === 0 && key !== '*' ? [] : [[station, L.category[category], L.gender[gender], ...counts, total]];
        }),
      ),
    ),
  );

  const custody = table(
    'custody',
    [
      stationCol(),
      col('arrested', L.figure.arrested),
      ...PRODUCTION_OUTCOMES.map((o) => col(`production.${o}`, L.production[o])),
      col('production.within_24h.percent', withSuffix(L.production.within_24h, '%', '%'), 'percent'),
      ...TIMELINESS_OUTCOMES.map((o) => col(`guardian.${o}`, withSuffix(L.figure.guardianInformed, `: ${fillHours(L.guardianTimeliness[o], hours).en}`, `: ${fillHours(L.guardianTimeliness[o], hours).ur}`))),
      col('guardian.within_target.percent', withSuffix(guardianWithin, '%', '%'), 'percent'),
      ...TIMELINESS_OUTCOMES.map((o) => col(`legal.${o}`, withSuffix(L.figure.legalAssistance, `: ${L.legalTimeliness[o].en}`, `: ${L.legalTimeliness[o].ur}`))),
      col('legal.within_target.percent', withSuffix(L.figure.legalWithin24h, '%', '%'), 'percent'),
      col('lockupOrJail', L.figure.lockupOrJail),
      col('lockupOrJailHeinous', L.figure.lockupOrJailHeinous),
    ],
    all.map(({ station, figures: f }) => [
      station,
      f.arrested,
      ...PRODUCTION_OUTCOMES.map((o) => f.production.outcomes[o]),
      pct(f.production.within24h),
      ...TIMELINESS_OUTCOMES.map((o) => f.guardianInformed.outcomes[o]),
      pct(f.guardianInformed.withinTarget),
      ...TIMELINESS_OUTCOMES.map((o) => f.legalAssistance.outcomes[o]),
      pct(f.legalAssistance.within24h),
      f.lockupOrJail.count,
      f.lockupOrJail.heinous,
    ]),
  );

  const bail = table(
    'bail',
    [stationCol(), col('arrested', L.figure.arrested), ...BAIL_OUTCOMES.map((o) => col(`bail.${o}`, L.bail[o]))],
    all.map(({ station, figures: f }) => [station, f.bail.of, ...BAIL_OUTCOMES.map((o) => f.bail.outcomes[o])]),
  );

  const diversion = table(
    'diversion',
    [
      stationCol(),
      col('juvenilesAccused', L.figure.juvenilesAccused),
      ...DIVERSION_OUTCOMES.map((o) => col(`diversion.${o}`, L.diversion[o])),
      col('referredToJjc.of', withSuffix(L.figure.referredToJjc, '(out of)', '(کل)')),
      col('referredToJjc.percent', withSuffix(L.figure.referredToJjc, '%', '%'), 'percent'),
    ],
    all.map(({ station, figures: f }) => [
      station,
      f.diversion.of,
      ...DIVERSION_OUTCOMES.map((o) => f.diversion.outcomes[o]),
      f.diversion.referred.of,
      pct(f.diversion.referred),
    ]),
  );

  const missing = table(
    'missing',
    [
      stationCol(),
      col('missingReported', L.figure.missingReported),
      col('missingSought', L.figure.missingSought),
      col('missingRecovered', L.figure.missingRecovered),
      col('missingRecovered.percent', L.column.percentOfSought, 'percent'),
      col('missingRecoveredByMatch', L.figure.missingRecoveredByMatch),
      col('missingHandedOver', L.figure.missingHandedOver),
      col('missingHandedOver.percent', L.column.percentOfAwaitingHandover, 'percent'),
    ],
    all.map(({ station, figures: f }) => [
      station,
      f.missing.reported,
      f.missing.sought,
      f.missing.recovered.count,
      pct(f.missing.recovered),
      f.missing.recoveredByMatch,
      f.missing.handedOver.count,
      pct(f.missing.handedOver),
    ]),
  );

  const referrals = table(
    'referrals',
    [
      stationCol(),
      ...REFERRAL_PARTNERS.map((p) => col(`referrals.${p}`, L.partner[p])),
      col('referralsTotal', L.figure.referralsTotal),
      col('referralCases', L.figure.referralCases),
    ],
    all.map(({ station, figures: f }) => [station, ...REFERRAL_PARTNERS.map((p) => f.referrals.byPartner[p]), f.referrals.total, f.referrals.cases]),
  );

  return [summary, children, custody, bail, diversion, missing, referrals];
}

export const DATA_COLUMNS: readonly ReturnColumn[] = [
  col('month', L.column.month, 'label', 9),
  col('district', L.column.district, 'label', 14),
  col('station', L.column.station, 'label', 14),
  col('table', L.column.table, 'label', 18),
  col('figure', L.column.figure, 'label', 44),
  col('category', L.column.category, 'label', 28),
  col('gender', L.column.gender, 'label', 12),
  col('ageBand', L.column.ageBand, 'label', 14),
  col('breakdown', { en: 'Breakdown', ur: 'تفصیل' }, 'label', 36),
  col('count', L.column.count),
  col('of', L.column.of),
  col('percent', L.column.percent, 'percent'),
  col('key', L.column.key, 'label', 34),
];

type Fact = {
  table: ReturnTableId;
  figure: Bilingual;
  category?: Bilingual;
  gender?: Bilingual;
  ageBand?: Bilingual;
  breakdown?: Bilingual;
  count: number;
  /** The denominator, where the figure is a share of something. */
  of?: number;
  key: string;
};

function* factsOf(f: ReturnFigures, hours: number): Generator<Fact> {
  const F = L.figure;
  yield { table: 'summary', figure: F.cases, count: f.cases, key: 'cases' };
  for (const category of CASE_CATEGORIES) yield { table: 'summary', figure: F.cases, category: L.category[category], count: f.byCategory[category], of: f.cases, key: `cases.${category}` };
  yield { table: 'summary', figure: F.juvenilesAccused, count: f.juvenilesAccused, key: 'juveniles_accused' };
  yield { table: 'summary', figure: F.arrested, count: f.arrested, of: f.juvenilesAccused, key: 'arrested' };
  for (const category of CASE_CATEGORIES) {
    for (const gender of GENDERS) {
      for (const band of RETURN_AGE_BANDS) {
        yield { table: 'children', figure: F.children, category: L.category[category], gender: L.gender[gender], ageBand: L.ageBand[band], count: f.children[category][gender][band], key: `children.${category}.${gender}.${band}` };
      }
    }
  }
  for (const o of PRODUCTION_OUTCOMES) yield { table: 'custody', figure: F.production, breakdown: L.production[o], count: f.production.outcomes[o], of: f.arrested, key: `production.${o}` };
  for (const o of TIMELINESS_OUTCOMES) yield { table: 'custody', figure: F.guardianInformed, breakdown: fillHours(L.guardianTimeliness[o], hours), count: f.guardianInformed.outcomes[o], of: f.arrested, key: `guardian_informed.${o}` };
  for (const o of TIMELINESS_OUTCOMES) yield { table: 'custody', figure: F.legalAssistance, breakdown: L.legalTimeliness[o], count: f.legalAssistance.outcomes[o], of: f.arrested, key: `legal_assistance.${o}` };
  yield { table: 'custody', figure: F.lockupOrJail, count: f.lockupOrJail.count, of: f.arrested, key: 'lockup_or_jail' };
  yield { table: 'custody', figure: F.lockupOrJailHeinous, count: f.lockupOrJail.heinous, of: f.lockupOrJail.count, key: 'lockup_or_jail.heinous' };
  for (const o of BAIL_OUTCOMES) yield { table: 'bail', figure: F.bail, breakdown: L.bail[o], count: f.bail.outcomes[o], of: f.bail.of, key: `bail.${o}` };
  for (const o of DIVERSION_OUTCOMES) yield { table: 'diversion', figure: F.diversion, breakdown: L.diversion[o], count: f.diversion.outcomes[o], of: f.diversion.of, key: `diversion.${o}` };
  yield { table: 'diversion', figure: F.referredToJjc, count: f.diversion.referred.count, of: f.diversion.referred.of, key: 'diversion.referred_of_eligible' };
  yield { table: 'missing', figure: F.missingReported, count: f.missing.reported, key: 'missing.reported' };
  yield { table: 'missing', figure: F.missingSought, count: f.missing.sought, key: 'missing.sought' };
  yield { table: 'missing', figure: F.missingRecovered, count: f.missing.recovered.count, of: f.missing.recovered.of, key: 'missing.recovered' };
  yield { table: 'missing', figure: F.missingRecoveredByMatch, count: f.missing.recoveredByMatch, of: f.missing.recovered.count, key: 'missing.recovered_by_match' };
  yield { table: 'missing', figure: F.missingHandedOver, count: f.missing.handedOver.count, of: f.missing.handedOver.of, key: 'missing.handed_over' };
  for (const p of REFERRAL_PARTNERS) yield { table: 'referrals', figure: F.referrals, breakdown: L.partner[p], count: f.referrals.byPartner[p], of: f.referrals.total, key: `referrals.${p}` };
  yield { table: 'referrals', figure: F.referralsTotal, count: f.referrals.total, key: 'referrals.total' };
  yield { table: 'referrals', figure: F.referralCases, count: f.referrals.cases, of: f.cases, key: 'referrals.cases' };
}

/** Every figure of the return as one row: the long format for pivot tables (and the CSV). */
export function returnDataTable(result: MonthlyReturn): ReturnTable {
  const rows: ReturnCell[][] = [];
  for (const { station, figures } of lines(result)) {
    for (const fact of factsOf(figures, result.asapTargetHours)) {
      rows.push([
        result.month,
        result.district,
        station,
        L.table[fact.table].sheet,
        fact.figure,
        fact.category ?? null,
        fact.gender ?? null,
        fact.ageBand ?? null,
        fact.breakdown ?? null,
        fact.count,
        fact.of ?? null,
        fact.of === undefined ? null : ratio(fact.count, fact.of).percent,
        fact.key,
      ]);
    }
  }
  const { title, sheet, note } = L.table.data;
  return { id: 'data', title, sheet, note, columns: [...DATA_COLUMNS], rows };
}

/** What the return covers and how it counts: the first sheet of the workbook, the heading of the print. */
export function returnAboutTable(result: MonthlyReturn): ReturnTable {
  const { title, sheet, note } = L.table.about;
  const rows: ReturnCell[][] = [
    [L.table.about.title, null],
    [L.column.district, result.district],
    [L.column.month, monthLabel(result.month)],
    [L.column.period, `${result.from} – ${result.to}`],
    [L.column.guardianTarget, result.asapTargetHours],
    [L.column.rowsCounted, result.rows.counted],
    [L.table.about.note, null],
    [L.column.definitions, null],
    ...(['summary', 'children', 'custody', 'bail', 'diversion', 'missing', 'referrals', 'data'] as const).map((id): ReturnCell[] => [L.table[id].title, L.table[id].note]),
  ];
  return { id: 'about', title, sheet, note, columns: [col('label', { en: '', ur: '' }, 'label', 48), col('value', { en: '', ur: '' }, 'label', 90)], rows };
}
