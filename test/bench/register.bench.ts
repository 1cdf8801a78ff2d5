import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseData } from '../../src/core/case-model.js';
import { formatCaseNumber } from '../../src/core/ids.js';
import { listCases } from '../../src/services/cases.js';
import { initStation, login } from '../../src/services/register.js';
import type { Session } from '../../src/services/session.js';
import { searchTextOf } from '../../src/store/case-repository.js';
import { generateCases, nameFragments } from '../support/generate-cases.js';
import { median, percentile, timeRepeated, type Bench, type BenchFigure } from './harness.js';

const PASSPHRASE = 'bench passphrase long enough';
const INSERT_COUNT = 100_000;
const LARGE_COUNT = 250_000;
const CHUNK = 10_000;

async function freshStation(dir: string, name: string): Promise<{ path: string; session: Session }> {
  const path = join(dir, `${name}.db`);
  const { session } = await initStation({ path, stationCode: 'QTA01', stationName: 'Bench', district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE });
  return { path, session };
}

/** The baseline: one prepared INSERT per row and one for its search-index entry, rows fully prepared beforehand, in one transaction per chunk. */
function bareInsert(session: Session, cases: CaseData[], serialOffset: number): number {
  const sqlite = session.register.db.sqlite;
  const rows = cases.map((data, i) => {
    const caseNumber = formatCaseNumber('QTA01', 2026, serialOffset + i + 1);
    const at = new Date().toISOString();
    return {
      id: randomUUID(), caseNumber, stationCode: 'QTA01', category: data.category, status: data.status, reportedAt: data.reportedAt,
      data: JSON.stringify(data), searchText: searchTextOf(caseNumber, data), at, actor: 'bench',
    };
  });
  const insert = sqlite.prepare(
    `INSERT INTO cases (id, case_number, station_code, category, status, reported_at, revision, data, search_text, created_at, created_by, updated_at, updated_by)
     VALUES (@id, @caseNumber, @stationCode, @category, @status, @reportedAt, 1, @data, @searchText, @at, @actor, @at, @actor)`,
  );
  const index = sqlite.prepare('INSERT INTO case_fts (rowid, search_text) VALUES (?, ?)');
  const start = performance.now();
  for (let i = 0; i < rows.length; i += CHUNK) {
    sqlite.transaction(() => {
      for (const row of rows.slice(i, i + CHUNK)) index.run(insert.run(row).lastInsertRowid, row.searchText);
    })();
  }
  return performance.now() - start;
}

function repositoryInsert(session: Session, cases: CaseData[]): number {
  const start = performance.now();
  for (let i = 0; i < cases.length; i += CHUNK) session.register.cases.createMany(cases.slice(i, i + CHUNK), session.user);
  return performance.now() - start;
}

let queriesWithHits = 0;

/** Times each query (first page of 50, as the register list shows) and counts those that found something. */
function searchLatencies(session: Session, fragments: string[]): number[] {
  queriesWithHits = 0;
  return fragments.map((search) =>
    timeRepeated(1, () => {
      if (listCases(session, { search, limit: 50 }).length > 0) queriesWithHits++;
    })[0]!,
  );
}

function progress(message: string): void {
  process.stderr.write(`  [register] ${message}\n`);
}

async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'childdesk-bench-'));
  try {
    progress(`generating ${LARGE_COUNT.toLocaleString()} cases`);
    const cases = generateCases(LARGE_COUNT);
    const first = cases.slice(0, INSERT_COUNT);

    progress('bare better-sqlite3 insert of 100k (baseline)');
    const baseline = await freshStation(dir, 'baseline');
    const bareMs = bareInsert(baseline.session, first, 0);
    baseline.session.register.close();

    progress('repository insert of 100k');
    const station = await freshStation(dir, 'station');
    const repoMs = repositoryInsert(station.session, first);
    const bareRate = INSERT_COUNT / (bareMs / 1000);
    const repoRate = INSERT_COUNT / (repoMs / 1000);

    const fragments = nameFragments(cases, 300);
    searchLatencies(station.session, fragments.slice(0, 20)); // warm the page cache
    const at100k = searchLatencies(station.session, fragments);

    progress('growing to 250k for search');
    bareInsert(station.session, cases.slice(INSERT_COUNT), INSERT_COUNT);
    searchLatencies(station.session, fragments.slice(0, 20));
    const at250k = searchLatencies(station.session, fragments);
    const hits250k = queriesWithHits;
    const twoLetter = searchLatencies(station.session, fragments.slice(0, 50).map((f) => f.slice(0, 2)));
    station.session.register.close();

    progress('unlock (scrypt + open + migration check), 7 times');
    const unlocks: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      const session = await login(station.path, 'incharge', PASSPHRASE);
      unlocks.push(performance.now() - start);
      session.register.close();
    }
    const unlockMedian = median(unlocks);

    return [
      { name: 'insert 100k cases through the repository', value: Math.round(repoRate), unit: 'rows/s', goal: '>= 50% of bare insert', met: repoRate >= 0.5 * bareRate, ratio: { against: `bare prepared INSERT (${Math.round(bareRate)} rows/s)`, value: repoRate / bareRate } },
      { name: 'search p95 at 100k cases (name fragment, 300 queries)', value: percentile(at100k, 95), unit: 'ms', note: `median ${median(at100k).toFixed(2)} ms` },
      { name: 'search p95 at 250k cases (name fragment, 300 queries)', value: percentile(at250k, 95), unit: 'ms', goal: '< 20 ms', met: percentile(at250k, 95) < 20, note: `median ${median(at250k).toFixed(2)} ms; ${hits250k}/300 queries found cases` },
      { name: 'search p95 at 250k cases, 2-letter fragment (scan)', value: percentile(twoLetter, 95), unit: 'ms', note: 'below trigram size: scanned' },
      { name: 'unlock: scrypt + open + migration check (median of 7)', value: unlockMedian, unit: 'ms', goal: '150-600 ms', met: unlockMedian >= 150 && unlockMedian <= 600, note: `min ${Math.min(...unlocks).toFixed(0)}, max ${Math.max(...unlocks).toFixed(0)}` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const bench: Bench = { name: 'encrypted register', run };
