import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createComplianceSeries, createMonthlyReturn, monthRange, type DistrictRowData } from '../../src/core/returns/index.js';
import { districtRows, toCsv, toXlsx } from '../../src/services/district-report-files.js';
import { initDistrict } from '../../src/services/register.js';
import { districtSearchText } from '../../src/core/district-view.js';
import { generateDistrict } from '../support/generate-district.js';
import { median, timeRepeated, type Bench, type BenchFigure } from './harness.js';

/**
 * Issue 7: the monthly return over a 250k-case district (goal < 2 s). The rows are held as the register hands
 * them over (columns plus the data JSON text), so every measured pass includes JSON.parse of every row; the
 * baseline is a loop that only parses the same rows. Then the same through a real encrypted district register:
 * a whole-register scan, and one month read through the reported_at index.
 */

const CASES = 250_000;
const STATIONS = 40;
const MONTH = '2026-06';
const REPEATS = 5;
const PASSPHRASE = 'bench passphrase long enough';

type StoredRow = { id: string; stationCode: string; caseNumber: string; category: string; status: string; reportedAt: string; data: string };

const progress = (message: string) => process.stderr.write(`  ... ${message}\n`);

function generate(): StoredRow[] {
  const rows: StoredRow[] = [];
  for (const row of generateDistrict({ cases: CASES, stations: STATIONS })) rows.push({ ...row, data: JSON.stringify(row.data) });
  return rows;
}

function memoryFigures(rows: StoredRow[]): BenchFigure[] {
  let sink = 0;
  const parseOnly = median(
    timeRepeated(REPEATS, () => {
      for (const row of rows) sink += (JSON.parse(row.data) as DistrictRowData).child ? 1 : 0;
    }),
  );
  let counted = 0;
  const oneMonth = median(
    timeRepeated(REPEATS, () => {
      const builder = createMonthlyReturn({ district: 'Quetta', month: MONTH });
      for (const row of rows) builder.add({ ...row, data: JSON.parse(row.data) as DistrictRowData });
      counted = builder.result().rows.counted;
    }),
  );
  const skipping = median(
    timeRepeated(REPEATS, () => {
      const builder = createMonthlyReturn({ district: 'Quetta', month: MONTH });
      for (const row of rows) if (builder.needsRow(row.category, row.reportedAt)) builder.add({ ...row, data: JSON.parse(row.data) as DistrictRowData });
      sink += builder.result().rows.counted;
    }),
  );
  const months = monthRange('2024-01', '2026-11');
  let seriesCounted = 0;
  const series = median(
    timeRepeated(REPEATS, () => {
      const builder = createComplianceSeries({ months });
      for (const row of rows) builder.add({ ...row, data: JSON.parse(row.data) as DistrictRowData });
      seriesCounted = builder.result().rows.counted;
    }),
  );
  if (sink === 0) throw new Error('nothing was parsed');
  const baseline = `JSON.parse of the same ${CASES.toLocaleString('en-US')} rows only (${parseOnly.toFixed(0)} ms)`;
  return [
    {
      name: `monthly return of ${MONTH}: ${CASES.toLocaleString('en-US')} rows streamed, each JSON.parsed and given to the aggregator (${counted.toLocaleString('en-US')} in the month; median of ${REPEATS})`,
      value: oneMonth,
      unit: 'ms',
      goal: '< 2000 ms',
      met: oneMonth < 2000,
      ratio: { against: baseline, value: oneMonth / parseOnly },
    },
    {
      name: `compliance series over ${months.length} months: every one of the ${seriesCounted.toLocaleString('en-US')} rows counted (the aggregation's own cost)`,
      value: series,
      unit: 'ms',
      goal: '< 2000 ms',
      met: series < 2000,
      ratio: { against: baseline, value: series / parseOnly },
    },
    {
      name: `monthly return, rows it does not read (outside ${MONTH}, except earlier missing children) skipped by needsRow before parsing`,
      value: skipping,
      unit: 'ms',
      ratio: { against: baseline, value: skipping / parseOnly },
    },
  ];
}

async function registerFigures(dir: string, rows: StoredRow[]): Promise<BenchFigure[]> {
  const { session } = await initDistrict({ path: join(dir, 'district.db'), district: 'Quetta', username: 'cpu', passphrase: PASSPHRASE });
  const sqlite = session.register.db.sqlite;
  try {
    progress(`inserting ${CASES.toLocaleString('en-US')} rows into an encrypted district register`);
    const insert = sqlite.prepare(
      `INSERT INTO cases (id, case_number, station_code, category, status, reported_at, revision, data, search_text, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 'import', ?, 'import')`,
    );
    const insertStart = performance.now();
    for (let i = 0; i < rows.length; i += 10_000) {
      sqlite.transaction(() => {
        for (const row of rows.slice(i, i + 10_000)) {
          const data = JSON.parse(row.data) as DistrictRowData;
          insert.run(row.id, row.caseNumber, row.stationCode, row.category, row.status, row.reportedAt, row.data, districtSearchText(row.caseNumber, data), row.reportedAt, row.reportedAt);
        }
      })();
    }
    const insertMs = performance.now() - insertStart;
    progress('reading the register back');

    let sink = 0;
    // The baseline reads the same columns the same way (raw arrays) and only touches the data text.
    const readAll = sqlite.prepare('SELECT station_code, case_number, category, status, reported_at, data FROM cases').raw(true);
    const readOnly = median(
      timeRepeated(3, () => {
        for (const row of readAll.iterate() as IterableIterator<string[]>) sink += row[5]!.length;
      }),
    );
    const monthly = (month?: string) => {
      const builder = createMonthlyReturn({ district: 'Quetta', month: MONTH });
      for (const row of districtRows(sqlite, month)) builder.add(row);
      return builder.result();
    };
    let scanned = 0;
    const wholeScan = median(timeRepeated(3, () => void (scanned = monthly().rows.seen)));
    let read = 0;
    const oneMonth = median(timeRepeated(REPEATS, () => void (read = monthly(MONTH).rows.seen)));
    if (sink === 0 || monthly(MONTH).total.cases !== monthly().total.cases) throw new Error('the month read and the whole scan disagree');

    const result = monthly(MONTH);
    const csvMs = median(timeRepeated(3, () => void (sink += toCsv(result, 'ur').length)));
    const xlsxStart = performance.now();
    const xlsx = await toXlsx(result, 'ur');
    const xlsxMs = performance.now() - xlsxStart;

    return [
      { name: `insert ${CASES.toLocaleString('en-US')} district rows (prepared statement, 10k per transaction; setup, not a goal)`, value: insertMs / 1000, unit: 's' },
      {
        name: `monthly return from the encrypted register, whole-register scan (${scanned.toLocaleString('en-US')} rows read and parsed)`,
        value: wholeScan,
        unit: 'ms',
        goal: '< 2000 ms',
        met: wholeScan < 2000,
        ratio: { against: `reading the same rows with no parse (${readOnly.toFixed(0)} ms)`, value: wholeScan / readOnly },
      },
      {
        name: `monthly return from the encrypted register, one month through the reported_at index (${read.toLocaleString('en-US')} rows)`,
        value: oneMonth,
        unit: 'ms',
        goal: '< 2000 ms',
        met: oneMonth < 2000,
        ratio: { against: `the whole-register scan (${wholeScan.toFixed(0)} ms)`, value: oneMonth / wholeScan },
      },
      { name: `write the return as Urdu CSV (${result.stations.length} stations)`, value: csvMs, unit: 'ms' },
      { name: `write the return as Urdu XLSX (${(xlsx.length / 1024).toFixed(0)} KiB)`, value: xlsxMs, unit: 'ms' },
    ];
  } finally {
    session.register.close();
  }
}

async function run(): Promise<BenchFigure[]> {
  progress(`generating a district of ${STATIONS} stations and ${CASES.toLocaleString('en-US')} cases`);
  const rows = generate();
  const figures = memoryFigures(rows);
  const dir = mkdtempSync(join(tmpdir(), 'childdesk-returns-bench-'));
  try {
    return [...figures, ...(await registerFigures(dir, rows))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const bench: Bench = { name: 'monthly return', run };
