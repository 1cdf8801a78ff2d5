import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictImportResult, JobStatus } from '../../src/core/api.js';
import type { PickedFile, SaveTarget } from '../../src/core/files.js';
import { startDevServer, type DevServer } from '../../src/devserver/server.js';
import { enrollStation, writeDistrictKeyFile } from '../../src/services/bundles.js';
import { login } from '../../src/services/register.js';
import type { Session } from '../../src/services/session.js';
import { fabricateBundle, fabricateStation } from '../support/fabricate-bundles.js';
import { FAST_SCRYPT, juvenileCase, PASSPHRASE, tempDir } from '../support/register.js';

/**
 * The browser build's file door and the district's import over HTTP, as the page uses them: upload bundles
 * (token-checked, size-limited, kept privately), import them as a job with progress while searches keep
 * answering, cancel one, and a station's export written to a save target and downloaded.
 */
let dir: string;
let cleanup: () => void;
let district: DevServer;
let station: DevServer;
let districtSession: Session;

const CASES = 2_500;

async function api<T>(server: DevServer, method: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${server.url}api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await response.json()) as { ok: boolean; result?: T; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.code} ${body.error?.message}`);
  return body.result as T;
}

async function upload(server: DevServer, purpose: string, name: string, body: Uint8Array<ArrayBuffer> | string, token = server.token): Promise<Response> {
  return fetch(`${server.url}files/upload?${new URLSearchParams({ purpose, name }).toString()}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: typeof body === 'string' ? body : new Blob([body]) });
}

async function uploaded(server: DevServer, purpose: string, path: string): Promise<PickedFile> {
  const response = await upload(server, purpose, path.split('/').pop()!, readFileSync(path));
  const body = (await response.json()) as { ok: boolean; result: PickedFile };
  expect(body.ok, JSON.stringify(body)).toBe(true);
  return body.result;
}

/** The dev server's private upload folders (one per server), newest last. */
const privateFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('childdesk-files-')).map((name) => join(tmpdir(), name));
const filesUnder = (folder: string): string[] => readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)]));

async function bundles(prefix: string, counts: number[]): Promise<string[]> {
  const paths: string[] = [];
  for (const [i, cases] of counts.entries()) {
    const fabricated = await fabricateStation(dir, districtSession, `${prefix}${i + 1}`);
    const path = join(dir, `${fabricated.code}-000001.chd`);
    await fabricateBundle(path, districtSession, fabricated, cases, i + 3);
    paths.push(path);
  }
  return paths;
}

async function waitForJob(server: DevServer, jobId: string, onPoll: (status: JobStatus) => void = () => {}): Promise<JobStatus> {
  for (;;) {
    const status = await api<JobStatus>(server, 'job.status', { jobId });
    onPoll(status);
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 250)); // the page polls about 4 times a second
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  district = await startDevServer({ registerPath: join(dir, 'district.db'), staticDir, storeOptions: { scrypt: FAST_SCRYPT } });
  station = await startDevServer({ registerPath: join(dir, 'station.db'), staticDir, storeOptions: { scrypt: FAST_SCRYPT } });
  await api(district, 'session.setupDistrict', { district: 'Quetta', username: 'cpu', passphrase: PASSPHRASE });
  districtSession = await login(join(dir, 'district.db'), 'cpu', PASSPHRASE, { scrypt: FAST_SCRYPT });
  await writeDistrictKeyFile(districtSession, join(dir, 'district.pub'));
}, 120_000);
afterAll(async () => {
  districtSession?.register.close();
  await district?.close();
  await station?.close();
  cleanup?.();
});

describe('the dev server file door', () => {
  it('refuses an upload without the token, of an unknown purpose, or over the purpose size limit', async () => {
    expect((await upload(district, 'bundles', 'a.chd', 'x', 'wrong-token')).status).toBe(401);
    const unknown = await upload(district, 'anything', 'a.chd', 'x');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const big = await upload(district, 'districtKey', 'district.pub', new Uint8Array(65 * 1024));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE', messageUr: expect.stringMatching(/[\u0600-\u06FF]/) } });
  });

  it('keeps bundles in a private owner-only folder, and a file that may hold child data in memory only', async () => {
    const [path] = await bundles('KEEP', [10]);
    const picked = await uploaded(district, 'bundles', path!);
    expect(picked).toMatchObject({ handle: expect.stringMatching(/^f_/), name: 'KEEP1-000001.chd', size: statSync(path!).size });
    const mine = privateFolders().filter((folder) => filesUnder(folder).some((file) => file.endsWith('KEEP1-000001.chd')));
    expect(mine).toHaveLength(1);
    expect(statSync(mine[0]!).mode & 0o777).toBe(0o700);
    for (const file of filesUnder(mine[0]!)) expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = filesUnder(mine[0]!).length;
    // A receipt carries the district's notes about children: it stays in memory.
    await uploaded(district, 'receipt', join(dir, 'district.pub'));
    expect(filesUnder(mine[0]!)).toHaveLength(before);
  });
});

describe('district.import over HTTP, as the district screen will use it', () => {
  it('imports uploaded bundles as a job with progress, while searches keep answering; a random file and a cut-short bundle are explained', async () => {
    const files = await bundles('QTA', [CASES, CASES, CASES]);
    writeFileSync(join(dir, 'holiday.chd'), 'not a bundle at all');
    const whole = readFileSync(files[0]!);
    writeFileSync(join(dir, 'short.chd'), whole.subarray(0, Math.floor(whole.length / 2)));
    const handles: string[] = [];
    for (const path of [...files, join(dir, 'holiday.chd'), join(dir, 'short.chd')]) handles.push((await uploaded(district, 'bundles', path)).handle);

    const { jobId } = await api<{ jobId: string }>(district, 'district.import', { files: handles });
    const progress = new Set<string>();
    let searching = true;
    let searches = 0;
    const typing = (async () => {
      while (searching) {
        const found = await api<unknown[]>(district, 'case.list', { search: 'ali', limit: 50 });
        expect(Array.isArray(found)).toBe(true);
        searches++;
      }
    })();
    const done = await waitForJob(district, jobId, (status) => progress.add(`${status.progress.step}/${status.progress.of}:${status.progress.done}`));
    searching = false;
    await typing;

    expect(done).toMatchObject({ state: 'done', progress: { of: 5, done: 3 * CASES } });
    const { reports } = done.result as DistrictImportResult;
    expect(reports.map((r) => [r.file, r.code])).toEqual([
      ['QTA1-000001.chd', 'ok'],
      ['QTA2-000001.chd', 'ok'],
      ['QTA3-000001.chd', 'ok'],
      ['holiday.chd', 'not-a-bundle'],
      ['short.chd', 'damaged'],
    ]);
    expect(reports.every((r) => r.messageUr && r.action)).toBe(true);
    // Progress moved through the files and within them, and searches were answered all along.
    expect(progress.size).toBeGreaterThan(2);
    expect(searches).toBeGreaterThan(2);
    expect(await api<unknown[]>(district, 'case.list', { limit: 500 })).toHaveLength(500);
  });

  it('cancels an import over HTTP: the bundle in flight is rolled back, finished ones stay', async () => {
    const files = await bundles('PSN', [CASES, CASES, CASES]);
    const handles: string[] = [];
    for (const path of files) handles.push((await uploaded(district, 'bundles', path)).handle);
    const count = () => districtSession.register.db.sqlite.prepare("SELECT count(*) FROM cases WHERE station_code LIKE 'PSN%'").pluck().get() as number;
    const { jobId } = await api<{ jobId: string }>(district, 'district.import', { files: handles });
    await waitForJob(district, jobId, (status) => {
      if (status.progress.step >= 2 && !status.cancelRequested) void api(district, 'job.cancel', { jobId });
    });
    const ended = await api<JobStatus>(district, 'job.status', { jobId });
    expect(ended.state).toBe('cancelled');
    const finished = (ended.result as DistrictImportResult).reports;
    expect(finished.length).toBeLessThan(3);
    expect(count()).toBe(finished.reduce((sum, r) => sum + r.casesAdded, 0));
  });
});

describe('save targets and downloads', () => {
  it("writes a station's export to a save target, downloads it, and the district imports the download", async () => {
    await api(station, 'session.setupStation', { stationCode: 'DLD01', stationName: 'Download', district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE });
    await api(station, 'case.create', juvenileCase());
    const key = await uploaded(station, 'districtKey', join(dir, 'district.pub'));
    expect(await api(station, 'bundle.pinDistrict', { file: key.handle })).toMatchObject({ district: 'Quetta' });
    const stationKey = await api<{ content: string }>(station, 'bundle.stationKeyFile');
    writeFileSync(join(dir, 'DLD01.pub'), stationKey.content);
    await enrollStation(districtSession, join(dir, 'DLD01.pub'));

    const targetResponse = await fetch(`${station.url}files/target`, { method: 'POST', headers: { authorization: `Bearer ${station.token}` }, body: JSON.stringify({ purpose: 'bundles', suggestedName: 'DLD01-000001.chd' }) });
    const target = ((await targetResponse.json()) as { result: SaveTarget }).result;
    const summary = await api<{ path: string; cases: number }>(station, 'bundle.export', { target: target.handle });
    expect(summary).toMatchObject({ path: 'DLD01-000001.chd', cases: 1 });

    expect((await fetch(`${station.url}files/download/${target.handle}`)).status).toBe(401);
    const download = await fetch(`${station.url}files/download/${target.handle}`, { headers: { authorization: `Bearer ${station.token}` } });
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''DLD01-000001.chd");
    writeFileSync(join(dir, 'downloaded.chd'), Buffer.from(await download.arrayBuffer()));

    const picked = await uploaded(district, 'bundles', join(dir, 'downloaded.chd'));
    const { jobId } = await api<{ jobId: string }>(district, 'district.import', { files: [picked.handle] });
    const done = await waitForJob(district, jobId);
    expect((done.result as DistrictImportResult).reports).toMatchObject([{ file: 'downloaded.chd', code: 'ok', stationCode: 'DLD01', casesAdded: 1 }]);
  });

  it('removes its private folder when it closes', async () => {
    const folders = privateFolders().filter((folder) => filesUnder(folder).some((file) => file.endsWith('DLD01-000001.chd')));
    expect(folders).toHaveLength(1);
    await station.close();
    expect(privateFolders()).not.toContain(folders[0]);
  });
});
