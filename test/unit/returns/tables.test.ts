import { describe, expect, it } from 'vitest';
import {
  RETURN_LABELS,
  cellIn,
  createMonthlyReturn,
  formatRatio,
  isBilingual,
  returnAboutTable,
  returnDataTable,
  returnTables,
  type ReturnCell,
  type ReturnTable,
} from '../../../src/core/returns/index.js';
import { NOVEMBER_ROWS } from './fixture.js';

const builder = createMonthlyReturn({ district: 'Quetta', month: '2026-11', asapTargetHours: 2 });
NOVEMBER_ROWS.forEach((row) => builder.add(row));
const result = builder.result();
const URDU = /[\u0600-\u06FF]/;

function column(table: ReturnTable, key: string): number {
  const index = table.columns.findIndex((c) => c.key === key);
  if (index < 0) throw new Error(`no column ${key} in ${table.id}`);
  return index;
}

describe('the return laid out as tables', () => {
  const tables = returnTables(result);

  it('has one table per subject, in the printed order, each row as wide as its header', () => {
    expect(tables.map((t) => t.id)).toEqual(['summary', 'children', 'custody', 'bail', 'diversion', 'missing', 'referrals']);
    for (const table of tables) for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
  });

  it('ends each station table with the all-stations row', () => {
    const summary = tables[0]!;
    expect(summary.rows.map((r) => cellIn(r[0]!, 'en'))).toEqual(['QTA01', 'QTA02', 'All stations']);
    const total = summary.rows[2]!;
    expect(total[column(summary, 'cases')]).toBe(12);
    expect(total[column(summary, 'arrested')]).toBe(5);
    expect(total[column(summary, 'producedWithin24h')]).toBe(2);
    expect(total[column(summary, 'producedWithin24hPercent')]).toBe(40);
    expect(total[column(summary, 'lockupOrJail')]).toBe(2);
  });

  it('fills the guardian target into the words', () => {
    const summary = tables[0]!;
    expect(summary.columns[column(summary, 'guardianWithinTarget')]!.label).toEqual({
      en: 'Guardian informed within 2 h of arrest (A2)',
      ur: 'گرفتاری کے 2 گھنٹوں میں سرپرست کو اطلاع (A2)',
    });
  });

  it('lists the district’s children rows even where zero, and only the stations’ rows that have children', () => {
    const children = tables[1]!;
    const district = children.rows.filter((r) => isBilingual(r[0]!));
    expect(district).toHaveLength(6 * 3);
    // QTA01: juvenile boys, a juvenile girl, a girl victim, a missing boy and a missing girl.
    const stationRows = children.rows.filter((r) => r[0] === 'QTA01');
    expect(stationRows.map((r) => `${cellIn(r[1]!, 'en')} / ${cellIn(r[2]!, 'en')}`)).toEqual([
      'Juvenile accused (in conflict with the law) / Boy',
      'Juvenile accused (in conflict with the law) / Girl',
      'Child victim / Girl',
      'Missing child / Boy',
      'Missing child / Girl',
    ]);
  });

  it('gives every header and label in both languages, the Urdu in Urdu script', () => {
    const labels: ReturnCell[] = [...tables, returnDataTable(result), returnAboutTable(result)].flatMap((t) => [
      t.title,
      t.sheet,
      t.note,
      ...t.columns.filter((c) => c.label.en).map((c) => c.label),
      ...t.rows.flat(),
    ]);
    for (const label of labels.filter(isBilingual)) {
      expect(label.en.length).toBeGreaterThan(0);
      expect(label.ur).toMatch(URDU);
    }
    for (const t of tables) expect(t.sheet.en.length).toBeLessThanOrEqual(31);
  });
});

describe('the long data table (what the CSV holds)', () => {
  const data = returnDataTable(result);
  const key = column(data, 'key');
  const stationColumn = column(data, 'station');

  it('has one row per figure per station, with keys unique within a station', () => {
    const perStation = data.rows.filter((r) => r[stationColumn] === 'QTA01');
    expect(data.rows).toHaveLength(perStation.length * 3);
    expect(new Set(perStation.map((r) => r[key])).size).toBe(perStation.length);
  });

  it('spells out each share with its denominator', () => {
    const total = data.rows.filter((r) => isBilingual(r[stationColumn]!));
    const find = (k: string) => total.find((r) => r[key] === k)!;
    const produced = find('production.within_24h');
    expect([produced[column(data, 'count')], produced[column(data, 'of')], produced[column(data, 'percent')]]).toEqual([2, 5, 40]);
    expect(find('children.in_conflict.male.unknown')[column(data, 'count')]).toBe(1);
    expect(find('missing.handed_over')[column(data, 'of')]).toBe(2);
    expect(find('cases')[column(data, 'of')]).toBeNull();
  });
});

describe('ratios as printed', () => {
  it('names the denominator in both languages', () => {
    expect(formatRatio({ count: 7, of: 9, percent: 77.8 }, 'en')).toBe('7 of 9 (77.8%)');
    expect(formatRatio({ count: 7, of: 9, percent: 77.8 }, 'ur')).toBe('9 میں سے 7 (77.8%)');
    expect(formatRatio({ count: 0, of: 0, percent: null }, 'en')).toBe('0 of 0');
    expect(RETURN_LABELS.allStations.ur).toMatch(URDU);
  });
});
