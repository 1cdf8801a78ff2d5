import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/bundle-file.js';
import { THREAD_FROM_LINES, type ReaderMessage, type WriterMessage } from '../../src/bundle/change-reader.js';
import { writeDistrictKeyFile } from '../../src/services/bundles.js';
import type { FromServices, ServicesRequest, ServicesSetup, ToServices } from '../../src/services/host-protocol.js';
import { login } from '../../src/services/register.js';
import type { Session } from '../../src/services/session.js';
import { newDistrict } from '../support/bundles.js';
import { runCli } from '../support/cli.js';
import { fabricateBundle, fabricateStation } from '../support/fabricate-bundles.js';
import { tempDir } from '../support/register.js';

/**
 * Built code (the CLI in out/cli, the desktop app once it imports bundles) starts the reader's thread from the
 * file its build emits beside the bundle, without tsx. Electron cannot run here, but that file can: drive the
 * built thread of the app (built before the slow tests by test/support/build-first.ts) through a real bundle.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

let dir: string;
let cleanup: () => void;
let district: Session;
/** A bundle of 2,000 cases: large enough to be read on the thread (THREAD_FROM_LINES). */
const bundle = () => join(dir, 'b1.chd');

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  district = await newDistrict(dir, 'Quetta');
  await writeDistrictKeyFile(district, join(dir, 'district.pub'));
  await fabricateBundle(bundle(), district, await fabricateStation(dir, district, 'QTA07'), THREAD_FROM_LINES, 5);
});
afterAll(() => {
  district?.register.close();
  cleanup?.();
});

describe('the built app and command', () => {
  it.each(['out/main', 'out/cli'])('%s has the bundle reader thread beside its bundle, and it reads a bundle under plain Node', async (out) => {
    const builtWorker = join(root, out, 'change-reader.worker.js');
    expect(existsSync(builtWorker)).toBe(true);
    const path = bundle();
    const identity = district.register.keys.agreementIdentity()!.identity;
    const opened = await openBundle(path, identity);
    const key = Buffer.from(district.register.db.sqlite.prepare('SELECT signing_public_key FROM peer_keys WHERE signing_key_id = ?').pluck().get(opened.signature.keyId) as string, 'base64');
    opened.close();

    const worker = new Worker(builtWorker, { workerData: { identity } });
    const messages: ReaderMessage[] = [];
    const finished = new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (message: ReaderMessage) => {
        messages.push(message);
        if (message.type === 'batch') worker.postMessage({ type: 'credit', id: 1 } satisfies WriterMessage);
        else resolve();
      });
    });
    worker.postMessage({ type: 'read', id: 1, job: { path, manifestSha256: opened.manifestSha256, stationPublicKey: key } } satisfies WriterMessage);
    await finished;
    await worker.terminate();

    const last = messages.at(-1);
    expect(last).toMatchObject({ type: 'end' });
    const cases = messages.flatMap((m) => (m.type === 'batch' ? m.batch.cases : []));
    expect(cases).toHaveLength(THREAD_FROM_LINES);
    expect(cases[0]).toMatchObject({ stationCode: 'QTA07', revision: 1 });
  });

  it('the real childdesk command imports that bundle through its own reader thread', () => {
    const path = district.register.path;
    district.register.close();
    const run = runCli(['district', 'import', '--db', path, '--user', 'cpu', bundle(), '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual([expect.objectContaining({ outcome: 'applied', code: 'ok', casesAdded: THREAD_FROM_LINES })]);
  });
});

describe('the built services thread', () => {
  it('runs the register from out/main/services.worker.js under plain Node, and a district import job through out/main/job.worker.js', async () => {
    const registerPath = join(dir, 'built-district.db');
    const worker = new Worker(join(root, 'out/main/services.worker.js'), { workerData: { registerPath, storeOptions: { scrypt: { N: 2 ** 14, r: 8, p: 1 } } } satisfies ServicesSetup });
    const answers = new Map<number, (message: FromServices) => void>();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.on('message', (message: FromServices) => (message.type === 'answer' ? answers.get(message.id)?.(message) : undefined));
    let lastId = 0;
    const ask = (request: ServicesRequest) =>
      new Promise<unknown>((resolve, reject) => {
        const id = ++lastId;
        answers.set(id, (message) => (message.type === 'answer' && message.ok ? resolve(message.value) : reject(new Error(JSON.stringify(message)))));
        worker.postMessage({ id, request } satisfies ToServices);
      });
    const call = async (method: string, input: unknown) => {
      const response = (await ask({ op: 'call', method, input })) as { ok: boolean; result?: unknown; error?: { code: string } };
      if (!response.ok) throw new Error(`${method}: ${response.error?.code}`);
      return response.result as Record<string, unknown>;
    };
    try {
      await ready;
      await call('session.setupDistrict', { district: 'Quetta', username: 'cpu', passphrase: 'correct horse battery' });
      const session = await login(registerPath, 'cpu', 'correct horse battery', { scrypt: { N: 2 ** 14, r: 8, p: 1 } });
      await writeDistrictKeyFile(session, join(dir, 'built-district.pub'));
      const station = await fabricateStation(dir, session, 'QTA09');
      const path = join(dir, 'built-b1.chd');
      await fabricateBundle(path, session, station, 2_000, 9);
      const [picked] = (await ask({ op: 'files.register', files: [{ purpose: 'bundles', name: 'b1.chd', source: { kind: 'path', path, owned: false } }] })) as Array<{ handle: string }>;
      const { jobId } = await call('district.import', { files: [picked!.handle] });
      let status: Record<string, unknown>;
      do {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = await call('job.status', { jobId });
      } while (status.state === 'running');
      expect(status).toMatchObject({ state: 'done', progress: { step: 1, of: 1, done: 2_000 }, result: { reports: [{ file: 'b1.chd', code: 'ok', casesAdded: 2_000 }] } });
      session.register.close();
      await ask({ op: 'close' });
    } finally {
      await worker.terminate();
    }
  }, 120_000);
});
