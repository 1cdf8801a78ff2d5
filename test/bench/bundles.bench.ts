import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareCase } from '../../src/bundle/prepared-changes.js';
import { exportBundle, importBundles, pinDistrict, writeDistrictKeyFile } from '../../src/services/bundles.js';
import { initDistrict, initStation } from '../../src/services/register.js';
import type { Session } from '../../src/services/session.js';
import { fabricateBundle, fabricateStation, stationChangeLines, type FabricatedStation } from '../support/fabricate-bundles.js';
import { generateCases } from '../support/generate-cases.js';
import { median, type Bench, type BenchFigure } from './harness.js';

const PASSPHRASE = 'bench passphrase long enough';
const STATIONS = 50;
const CASES_PER_BUNDLE = 5_000;
const EXPORT_CASES = 10_000;
const BIG_BUNDLE = 50_000;

const progress = (message: string) => process.stderr.write(`  ... ${message}\n`);

async function district(dir: string, name: string): Promise<Session> {
  const { session } = await initDistrict({ path: join(dir, `${name}.db`), district: 'Quetta', username: 'cpu', passphrase: PASSPHRASE });
  await writeDistrictKeyFile(session, join(dir, `${name}.pub`));
  return session;
}

/**
 * The baseline: the same rows the import writes (case row with provenance, and its search-index entry),
 * prepared beforehand, written by prepared statements in one transaction per bundle. Every row is new, so
 * the insert's row id is the one to index.
 */
function bareUpsert(session: Session, stations: FabricatedStation[], importedAt: string): number {
  const sqlite = session.register.db.sqlite;
  const upsert = sqlite.prepare(
    `INSERT INTO cases (id, case_number, station_code, category, status, reported_at, revision, data, search_text, created_at, created_by, updated_at, updated_by, rule_pack_version, source_bundle_id, imported_at)
     VALUES (@id, @caseNumber, @stationCode, @category, @status, @reportedAt, @revision, @data, @searchText, @createdAt, @editedBy, @editedAt, @editedBy, @rulePackVersion, @bundleId, @importedAt)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, revision = excluded.revision, search_text = excluded.search_text WHERE excluded.revision > cases.revision`,
  );
  const index = sqlite.prepare('INSERT INTO case_fts (rowid, search_text) VALUES (?, ?)');
  const batches = stations.map((station, i) => {
    const bundleId = randomUUID();
    return [...stationChangeLines(station, CASES_PER_BUNDLE, 100 + i)].flatMap((line) => {
      if (line.type !== 'case') return [];
      return [{ ...prepareCase(line, station.code), bundleId, importedAt }];
    });
  });
  const start = performance.now();
  for (const batch of batches) sqlite.transaction(() => batch.forEach((row) => index.run(upsert.run(row).lastInsertRowid, row.searchText)))();
  return performance.now() - start;
}

async function importFigures(dir: string): Promise<BenchFigure[]> {
  const target = await district(dir, 'district');
  progress(`fabricating ${STATIONS} station bundles of ${CASES_PER_BUNDLE.toLocaleString('en-US')} cases`);
  const stations: FabricatedStation[] = [];
  const files: string[] = [];
  for (let i = 0; i < STATIONS; i++) {
    const station = await fabricateStation(dir, target, `ST${String(i + 1).padStart(2, '0')}`);
    stations.push(station);
    const file = join(dir, `${station.code}-1.chd`);
    await fabricateBundle(file, target, station, CASES_PER_BUNDLE, 100 + i);
    files.push(file);
  }
  progress('importing 50 bundles');
  const start = performance.now();
  const reports = await importBundles(target, files);
  const importMs = performance.now() - start;
  if (reports.some((r) => r.code !== 'ok' || r.casesAdded !== CASES_PER_BUNDLE)) throw new Error(`import failed: ${JSON.stringify(reports[0])}`);
  progress('bare upsert baseline');
  const baseline = await district(dir, 'baseline');
  const bareMs = bareUpsert(baseline, stations, new Date().toISOString());
  baseline.register.close();
  target.register.close();
  return [
    { name: `import ${STATIONS} bundles x ${CASES_PER_BUNDLE.toLocaleString('en-US')} cases into an encrypted district register`, value: importMs / 1000, unit: 's', goal: '< 15 s', met: importMs < 15_000, ratio: { against: `bare prepared upsert of the same rows (${(bareMs / 1000).toFixed(2)} s)`, value: importMs / bareMs } },
    { name: 'import : bare upsert ratio', value: importMs / bareMs, unit: 'ratio', goal: '< 2.0', met: importMs / bareMs < 2 },
  ];
}

async function exportFigures(dir: string): Promise<BenchFigure[]> {
  progress(`station with ${EXPORT_CASES.toLocaleString('en-US')} cases`);
  const target = await district(dir, 'export-district');
  const { session } = await initStation({ path: join(dir, 'station.db'), stationCode: 'QTA01', stationName: 'Bench', district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE });
  await pinDistrict(session, join(dir, 'export-district.pub'));
  session.register.cases.createMany(generateCases(EXPORT_CASES, 9), session.user);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await exportBundle(session, join(dir, `export-${i}.chd`));
    times.push(performance.now() - start);
  }
  // Baseline: reading the same case rows out of the register and parsing their JSON, the least an export must do.
  const readStart = performance.now();
  for (const data of session.register.db.sqlite.prepare('SELECT data FROM cases').pluck().iterate() as IterableIterator<string>) JSON.parse(data);
  const readMs = performance.now() - readStart;
  session.register.close();
  target.register.close();
  const exportMs = median(times);
  return [{ name: `export a ${EXPORT_CASES.toLocaleString('en-US')}-case station (median of 3)`, value: exportMs, unit: 'ms', goal: '< 1500 ms', met: exportMs < 1500, ratio: { against: `reading and parsing every case row (${readMs.toFixed(0)} ms)`, value: exportMs / readMs } }];
}

async function rssFigures(dir: string): Promise<BenchFigure[]> {
  const target = await district(dir, 'rss-district');
  const station = await fabricateStation(dir, target, 'BIG01');
  const file = join(dir, 'big.chd');
  progress(`fabricating one ${BIG_BUNDLE.toLocaleString('en-US')}-case bundle`);
  await fabricateBundle(file, target, station, BIG_BUNDLE, 77);
  target.register.close();
  const child = fileURLToPath(new URL('./children/import-rss.ts', import.meta.url));
  const run = (bundles: string[]) =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', child, join(dir, 'rss-district.db'), ...bundles], { env: { ...process.env, CHILDDESK_PASSPHRASE: PASSPHRASE }, encoding: 'utf8' }).trim().split('\n').pop()!) as { peakRssMb: number; cases: number };
  progress('importing it in a child process');
  const idle = run([]);
  const busy = run([file]);
  if (busy.cases !== BIG_BUNDLE) throw new Error('the big bundle did not import');
  return [{ name: `importer peak RSS for a ${BIG_BUNDLE.toLocaleString('en-US')}-case bundle`, value: busy.peakRssMb, unit: 'MB', goal: '< 400 MB', met: busy.peakRssMb < 400, ratio: { against: `the same process unlocking and importing nothing (${idle.peakRssMb.toFixed(0)} MB)`, value: busy.peakRssMb / idle.peakRssMb } }];
}

async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'childdesk-bench-bundles-'));
  try {
    return [...(await exportFigures(dir)), ...(await importFigures(dir)), ...(await rssFigures(dir))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const bench: Bench = { name: 'bundles', run };
