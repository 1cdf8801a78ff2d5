import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictImportResult, JobStatus } from '../../src/core/api.js';
import { ApiHost } from '../../src/services/api-handlers.js';
import { importBundles, ImportCancelled, writeDistrictKeyFile } from '../../src/services/bundles.js';
import { login } from '../../src/services/register.js';
import type { Session } from '../../src/services/session.js';
import { newDistrict } from '../support/bundles.js';
import { fabricateBundle, fabricateStation } from '../support/fabricate-bundles.js';
import { FAST_SCRYPT, PASSPHRASE, tempDir } from '../support/register.js';

/**
 * The district's import as a job (TEAM contract 3): progress per file and cases so far, cancel that rolls back
 * only the bundle in flight, quick calls answered while it runs, and handles instead of paths.
 */
let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

const CASES = 2_500; // 5,000 change lines: read on the bundle reader's thread, as a real station bundle would be

/** Bundles from `count` stations enrolled at the district (one bundle each, so none is a fork of another). */
async function bundlesFor(district: Session, prefix: string, counts: number[]): Promise<string[]> {
  const paths: string[] = [];
  for (const [i, cases] of counts.entries()) {
    const station = await fabricateStation(dir, district, `${prefix}${String(i + 1).padStart(2, '0')}`);
    const path = join(dir, `${station.code}-000001.chd`);
    await fabricateBundle(path, district, station, cases, i + 7);
    paths.push(path);
  }
  return paths;
}

const count = (session: Session, sql: string) => session.register.db.sqlite.prepare(sql).pluck().get() as number;

describe('importBundles: progress and cancel in the service', () => {
  it('reports file i of n and cases so far, and a cancel rolls back only the bundle in flight', async () => {
    const district = await newDistrict(dir, 'Pishin');
    await writeDistrictKeyFile(district, join(dir, 'pishin.pub'));
    const files = await bundlesFor(district, 'PSN', [CASES, CASES, 100]);
    const controller = new AbortController();
    const seen: Array<{ index: number; casesSoFar: number }> = [];
    const cancelled = await importBundles(district, files, {
      signal: controller.signal,
      onProgress: ({ index, of, casesSoFar }) => {
        expect(of).toBe(3);
        seen.push({ index, casesSoFar });
        // Halfway into the second bundle: it has written rows inside its open transaction.
        if (index === 1 && casesSoFar > CASES) controller.abort();
      },
    }).catch((error: unknown) => error);
    expect(cancelled).toBeInstanceOf(ImportCancelled);
    expect((cancelled as ImportCancelled).reports.map((r) => r.code)).toEqual(['ok']);
    expect(seen[0]).toEqual({ index: 0, casesSoFar: 0 });
    expect(seen.some((p) => p.index === 0 && p.casesSoFar > 0 && p.casesSoFar < CASES)).toBe(true); // within a bundle, not only at its end
    // The first bundle stays; nothing of the second is left half-written.
    expect(count(district, 'SELECT count(*) FROM cases')).toBe(CASES);
    expect(count(district, 'SELECT count(*) FROM imported_bundles')).toBe(1);
    expect(district.register.db.sqlite.inTransaction).toBe(false);

    // Importing the same files again: the first is a duplicate, the other two apply whole.
    const again = await importBundles(district, files);
    expect(again.map((r) => r.code)).toEqual(['duplicate', 'ok', 'ok']);
    expect(count(district, 'SELECT count(*) FROM cases')).toBe(2 * CASES + 100);
    district.register.close();
  });
});

describe('district.import over the door, as a job', () => {
  let host: ApiHost;
  let district: Session;
  const registerPath = () => join(dir, 'district-door.db');
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const response = await host.call(method, input);
    if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
    return response.result as T;
  };
  const handlesOf = (paths: string[]) => paths.map((path) => host.files.register({ purpose: 'bundles', name: path.split('/').pop()!, source: { kind: 'path', path, owned: false } }).handle);
  const waitFor = async (jobId: string, until: (status: JobStatus) => boolean, onPoll: (status: JobStatus) => Promise<void> = async () => {}): Promise<JobStatus> => {
    for (;;) {
      const status = await call<JobStatus>('job.status', { jobId });
      if (until(status)) return status;
      await onPoll(status);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  beforeAll(async () => {
    host = new ApiHost(registerPath(), { scrypt: FAST_SCRYPT });
    await call('session.setupDistrict', { district: 'Quetta', username: 'cpu', passphrase: PASSPHRASE });
    // The test's own connection, to enrol stations and to look at the register as it is committed.
    district = await login(registerPath(), 'cpu', PASSPHRASE, { scrypt: FAST_SCRYPT });
    await writeDistrictKeyFile(district, join(dir, 'quetta.pub'));
  });
  afterAll(async () => {
    district?.register.close();
    await host?.close();
  });

  it('answers a job id at once, keeps answering searches while it runs, and ends with one report per file', async () => {
    const files = await bundlesFor(district, 'QTA', [CASES, CASES, CASES]);
    const { jobId } = await call<{ jobId: string }>('district.import', { files: handlesOf(files) });
    expect(jobId).toMatch(/^j_/);
    // One job at a time on a register: a second waits for nothing but the write lock, so it is refused plainly.
    expect(await host.call('district.import', { files: handlesOf(files) })).toMatchObject({ ok: false, error: { code: 'JOB_BUSY' } });

    const steps = new Set<number>();
    let searchesWhileRunning = 0;
    const done = await waitFor(
      jobId,
      (status) => status.state !== 'running',
      async (status) => {
        steps.add(status.progress.step);
        const found = await host.call('case.list', { search: 'a', limit: 20 });
        expect(found.ok).toBe(true);
        searchesWhileRunning++;
      },
    );
    expect(done).toMatchObject({ state: 'done', progress: { step: 3, of: 3, done: 3 * CASES } });
    const { reports } = done.result as DistrictImportResult;
    expect(reports.map((r) => [r.file, r.code, r.casesAdded])).toEqual(files.map((path) => [path.split('/').pop(), 'ok', CASES]));
    expect(searchesWhileRunning).toBeGreaterThan(0);
    expect(steps.size).toBeGreaterThan(0);
    expect(count(district, 'SELECT count(*) FROM cases')).toBe(3 * CASES);
  });

  it('cancels: the bundle in flight is rolled back, finished ones stay, and the result says which', async () => {
    const before = count(district, 'SELECT count(*) FROM cases');
    const files = await bundlesFor(district, 'MST', [CASES, CASES, CASES]);
    const { jobId } = await call<{ jobId: string }>('district.import', { files: handlesOf(files) });
    await waitFor(jobId, (status) => status.progress.step >= 2 || status.state !== 'running');
    const asked = await call<JobStatus>('job.cancel', { jobId });
    expect(asked.state === 'running' ? asked.cancelRequested : true).toBe(true);
    const cancelled = await waitFor(jobId, (status) => status.state !== 'running');
    expect(cancelled.state).toBe('cancelled');
    const finished = (cancelled.result as DistrictImportResult).reports;
    expect(finished.length).toBeLessThan(3);
    // Exactly the finished bundles are in the register: nothing of the one in flight.
    const added = finished.reduce((sum, r) => sum + r.casesAdded, 0);
    expect(count(district, 'SELECT count(*) FROM cases')).toBe(before + added);
    expect(count(district, "SELECT count(*) FROM imported_bundles WHERE station_code LIKE 'MST%'")).toBe(finished.length);
  });

  it('cancels a running job when the register locks, and refuses unknown jobs and files plainly', async () => {
    const files = await bundlesFor(district, 'CHM', [CASES]);
    const { jobId } = await call<{ jobId: string }>('district.import', { files: handlesOf(files) });
    host.lock();
    // The picked files went with the lock: a handle from before it is unknown now.
    const stale = handlesOf(files)[0]!;
    await call('session.login', { username: 'cpu', passphrase: PASSPHRASE });
    const ended = await waitFor(jobId, (status) => status.state !== 'running');
    expect(ended).toMatchObject({ state: 'cancelled' });
    expect(count(district, "SELECT count(*) FROM imported_bundles WHERE station_code LIKE 'CHM%'")).toBe((ended.result as DistrictImportResult).reports.length);
    host.lock();
    await call('session.login', { username: 'cpu', passphrase: PASSPHRASE });
    expect(await host.call('district.import', { files: [stale] })).toMatchObject({ ok: false, error: { code: 'FILE_HANDLE_UNKNOWN', messageUr: expect.stringMatching(/[\u0600-\u06FF]/) } });

    expect(await host.call('district.import', { files: ['/etc/passwd'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('files.0') } });
    expect(await host.call('job.status', { jobId: 'j_AAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const keyFile = host.files.register({ purpose: 'districtKey', name: 'quetta.pub', source: { kind: 'path', path: join(dir, 'quetta.pub'), owned: false } });
    expect(await host.call('district.import', { files: [keyFile.handle] })).toMatchObject({ ok: false, error: { code: 'FILE_HANDLE_UNKNOWN', message: expect.stringContaining('districtKey') } });
  });
});
