import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/bundle-file.js';
import { THREAD_FROM_LINES, type ReaderMessage, type WriterMessage } from '../../src/bundle/change-reader.js';
import { writeDistrictKeyFile } from '../../src/services/bundles.js';
import type { Session } from '../../src/services/session.js';
import { newDistrict } from '../support/bundles.js';
import { childdeskProcess } from '../support/cli.js';
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
    const run = childdeskProcess(['district', 'import', '--db', path, '--user', 'cpu', bundle(), '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual([expect.objectContaining({ outcome: 'applied', code: 'ok', casesAdded: THREAD_FROM_LINES })]);
  });
});
