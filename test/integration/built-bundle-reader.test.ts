import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/bundle-file.js';
import type { ReaderMessage, WriterMessage } from '../../src/bundle/change-reader.js';
import { writeDistrictKeyFile } from '../../src/services/bundles.js';
import type { Session } from '../../src/services/session.js';
import { newDistrict } from '../support/bundles.js';
import { fabricateBundle, fabricateStation } from '../support/fabricate-bundles.js';
import { tempDir } from '../support/register.js';

/**
 * Today the CLI imports bundles, from source through tsx. Built code (the desktop app, once it imports bundles)
 * starts the reader's thread from the file electron-vite emits beside main's index.js, without tsx. Electron
 * cannot run here, but that file can: build the app and drive the built thread through a real bundle.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const builtWorker = join(root, 'out/main/change-reader.worker.js');

let dir: string;
let cleanup: () => void;
let district: Session;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--config', '.config/electron.vite.config.ts'], { cwd: root, stdio: 'pipe' });
  ({ dir, cleanup } = tempDir());
  district = await newDistrict(dir, 'Quetta');
  await writeDistrictKeyFile(district, join(dir, 'district.pub'));
}, 180_000);
afterAll(() => {
  district?.register.close();
  cleanup?.();
});

describe('the built app', () => {
  it('emits the bundle reader thread beside main, and it reads a bundle under plain Node', async () => {
    expect(existsSync(builtWorker)).toBe(true);
    const station = await fabricateStation(dir, district, 'QTA07');
    const path = join(dir, 'b1.chd');
    await fabricateBundle(path, district, station, 2_000, 5);
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
    expect(cases).toHaveLength(2_000);
    expect(cases[0]).toMatchObject({ stationCode: 'QTA07', revision: 1 });
  }, 60_000);
});
