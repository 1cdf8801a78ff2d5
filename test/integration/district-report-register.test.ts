import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonthlyReturn, monthBoundsUtc, type DistrictRow } from '../../src/core/returns/index.js';
import { initDistrict, initStation } from '../../src/services/register.js';
import { monthlyReport, printableReturnHtml } from '../../src/services/district-report.js';
import { districtReturnRows, districtRows, monthlyReturnFromRegister, toCsv } from '../../src/services/district-report-files.js';
import type { Session } from '../../src/services/session.js';
import { generateDistrict } from '../support/generate-district.js';
import { PASSPHRASE, tempDir, testOptions } from '../support/register.js';
import { NOVEMBER_ROWS } from '../unit/returns/fixture.js';

/**
 * The monthly return read from a real encrypted district register: rows inserted as the bundle importer
 * stores them, one month read through the reported_at index, and the figures equal to the in-memory ones.
 */

let dir: ReturnType<typeof tempDir>;
let session: Session;
// Other stations than the hand-built QTA01 and QTA02, whose case numbers would collide.
const generated = [...generateDistrict({ cases: 3_000, stationCodes: ['PSN01', 'PSN02', 'MST01', 'SBI01'], seed: 11 })];

function insert(session: Session, rows: Array<DistrictRow & { id?: string }>): void {
  const sqlite = session.register.db.sqlite;
  const statement = sqlite.prepare(
    `INSERT INTO cases (id, case_number, station_code, category, status, reported_at, revision, data, search_text, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, '', ?, 'import', ?, 'import')`,
  );
  sqlite.transaction(() => {
    rows.forEach((row, i) => statement.run(row.id ?? `hand-${i}`, row.caseNumber, row.stationCode, row.category, row.status, row.reportedAt, JSON.stringify(row.data), row.reportedAt, row.reportedAt));
  })();
}

beforeAll(async () => {
  dir = tempDir();
  ({ session } = await initDistrict({ path: join(dir.dir, 'district.db'), district: 'Quetta', username: 'cpu', passphrase: PASSPHRASE }, testOptions()));
  insert(session, [...NOVEMBER_ROWS.slice(0, -1), ...generated]);
});

afterAll(() => {
  session.register.close();
  dir.cleanup();
});

function inMemory(month: string, rows: Iterable<DistrictRow>) {
  const builder = createMonthlyReturn({ district: 'Quetta', month });
  for (const row of rows) builder.add(row);
  return builder.result();
}

describe('the monthly return from an encrypted district register', () => {
  it('reads one month through the index (and the missing children reported before it) and gets the figures of a whole-register scan', () => {
    const month = '2026-11';
    const { from } = monthBoundsUtc(month);
    const oneMonth = [...districtReturnRows(session.register.db.sqlite, monthBoundsUtc(month))];
    const all = [...districtRows(session.register.db.sqlite)];
    expect(all).toHaveLength(NOVEMBER_ROWS.length - 1 + generated.length);
    const earlierMissing = all.filter((r) => r.category === 'missing' && r.reportedAt < from).length;
    expect(earlierMissing).toBeGreaterThan(0);
    expect(oneMonth.length - earlierMissing).toBeLessThan(all.length / 10);
    const fromMonth = inMemory(month, oneMonth);
    const fromScan = inMemory(month, all);
    // Every row read is counted, or is a missing child reported earlier read for a recovery in the month.
    expect(fromMonth.rows.outsideMonth).toBe(earlierMissing);
    expect(fromMonth.rows.counted).toBe(fromScan.rows.counted);
    expect(fromMonth.stations).toEqual(fromScan.stations);
    expect(fromMonth.total).toEqual(fromScan.total);
    // And the same as the rows never stored: the JSON round trip loses nothing the return reads.
    expect(fromMonth.total).toEqual(inMemory(month, [...NOVEMBER_ROWS, ...generated]).total);
  });

  it('keeps 23:30 on the last day of the month and leaves 00:30 on the first of the next to it', () => {
    const november = [...districtRows(session.register.db.sqlite, '2026-11')].map((r) => r.caseNumber);
    expect(november).toContain('QTA01-2026-0002');
    expect(november).not.toContain('QTA01-2026-0008');
    expect([...districtRows(session.register.db.sqlite, '2026-12')].map((r) => r.caseNumber)).toContain('QTA01-2026-0008');
  });

  it('gives the return of a register with its district name and the hand-worked November figures', () => {
    const result = monthlyReturnFromRegister(session, { month: '2026-11' });
    expect(result.district).toBe('Quetta');
    const qta01 = result.stations.find((s) => s.stationCode === 'QTA01')!;
    expect(qta01.production.within24h).toEqual({ count: 2, of: 3, percent: 66.7 });
    expect(qta01.lockupOrJail).toEqual({ count: 2, of: 3, heinous: 1 });
    expect(toCsv(result, 'ur')).toContain('تمام تھانے');
  });

  it('refuses a station register and a month that is not one', async () => {
    expect(() => monthlyReturnFromRegister(session, { month: 'November' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const { session: station } = await initStation(
      { path: join(dir.dir, 'station.db'), stationCode: 'QTA01', stationName: 'Civil Lines', district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE },
      testOptions(),
    );
    try {
      expect(() => monthlyReturnFromRegister(station, { month: '2026-11' })).toThrow(expect.objectContaining({ code: 'WRONG_REGISTER_KIND' }));
    } finally {
      station.register.close();
    }
  });

  it('counts a child reported earlier and recovered in the month, and a confirmed district match in the month it was confirmed', () => {
    const before = monthlyReturnFromRegister(session, { month: '2026-11' }).total.missing;
    const october = monthBoundsUtc('2026-10');
    const child = { gender: 'male', claimedAge: 12 };
    insert(session, [
      { id: 'oct-recovered', stationCode: 'PSN01', caseNumber: 'PSN01-2026-9001', category: 'missing', status: 'open', reportedAt: october.from, data: { child, missing: { recoveredAt: '2026-11-02T05:00:00.000Z' } } as DistrictRow['data'] },
      { id: 'oct-matched', stationCode: 'PSN01', caseNumber: 'PSN01-2026-9002', category: 'missing', status: 'open', reportedAt: october.from, data: { child } as DistrictRow['data'] },
    ]);
    session.register.db.sqlite
      .prepare("INSERT INTO match_decisions (missing_case_id, found_case_id, decision, score, decided_at, decided_by) VALUES ('oct-matched', 'some-found', 'confirmed', 90, '2026-11-12T05:00:00.000Z', 'cpu')")
      .run();
    const after = monthlyReturnFromRegister(session, { month: '2026-11' }).total.missing;
    expect(after.reported).toBe(before.reported);
    expect(after.recovered.count).toBe(before.recovered.count + 2);
    expect(after.recoveredByMatch).toBe(before.recoveredByMatch + 1);
    expect(after.sought).toBe(before.sought + 2);
  });

  it('gives the app the printed return as HTML: a preview unaudited, the copy for the print dialog audited', () => {
    const prints = () => session.register.db.sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'form.print'").pluck().get() as number;
    const before = prints();
    const preview = printableReturnHtml(session, '2026-11', 'ur', true);
    expect(preview).toContain('dir="rtl"');
    expect(preview.match(/<svg/g)?.length).toBe(3);
    expect(prints()).toBe(before);
    expect(printableReturnHtml(session, '2026-11', 'en', false)).toContain('Monthly return');
    expect(prints()).toBe(before + 1);
  });

  it('gives the screen, from one read of the history, the same return as the month read on its own', () => {
    for (const month of ['2026-11', '2026-10', '2026-06']) {
      const { result, series } = monthlyReport(session, month);
      expect(result).toEqual(monthlyReturnFromRegister(session, { month }));
      expect(series.months).toHaveLength(12);
      expect(series.missing.at(-1)).toEqual({ month, reported: result.total.missing.reported, recovered: result.total.missing.recovered.count, handedOver: result.total.missing.handedOver.count });
    }
  });
});
