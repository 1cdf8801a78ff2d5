import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleError, openBundle, type OpenedBundle } from '../../src/bundle/bundle-file.js';
import { ChangeReader } from '../../src/bundle/change-reader.js';
import { fileSha256 } from '../../src/bundle/outer.js';
import type { PreparedBatch } from '../../src/bundle/prepared-changes.js';
import { importBundles, writeDistrictKeyFile } from '../../src/services/bundles.js';
import type { Session } from '../../src/services/session.js';
import { contentHash, newDistrict } from '../support/bundles.js';
import { fabricateBundle, fabricateStation, type FabricatedStation } from '../support/fabricate-bundles.js';
import { tempDir } from '../support/register.js';

/**
 * The district import reads large bundles on a second thread (bundle/change-reader.ts). These tests hold that
 * thread to what the calling thread does: the same prepared lines, the same refusals, nothing left running.
 */
let dir: string;
let cleanup: () => void;
let district: Session;
let station: FabricatedStation;
const readers: ChangeReader[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  district = await newDistrict(dir, 'Quetta');
  await writeDistrictKeyFile(district, join(dir, 'district.pub'));
  station = await fabricateStation(dir, district, 'QTA07');
});
afterEach(() => {
  for (const reader of readers.splice(0)) reader.close();
  district.register.close();
  cleanup();
});

const identity = () => district.register.keys.agreementIdentity()!.identity;

function reader(threadFromLines?: number): ChangeReader {
  const made = new ChangeReader({ identity: identity() }, threadFromLines);
  readers.push(made);
  return made;
}

/** Opened and verified as the importer does before it reads the lines. */
async function verified(path: string): Promise<{ opened: OpenedBundle; key: Uint8Array }> {
  const opened = await openBundle(path, identity());
  const key = Buffer.from(district.register.db.sqlite.prepare('SELECT signing_public_key FROM peer_keys WHERE signing_key_id = ?').pluck().get(opened.signature.keyId) as string, 'base64');
  opened.verifySignature(key);
  return { opened, key };
}

async function readAll(from: ChangeReader, path: string): Promise<{ batches: PreparedBatch[]; fileSha256: string | null }> {
  const { opened, key } = await verified(path);
  const batches: PreparedBatch[] = [];
  try {
    for await (const batch of from.batches(path, opened, key)) batches.push(batch);
  } finally {
    opened.close();
  }
  return { batches, fileSha256: from.fileSha256() };
}

async function refusal(from: ChangeReader, path: string): Promise<BundleError> {
  const error = await readAll(from, path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleError);
  return error as BundleError;
}

describe('the bundle reader thread', () => {
  it('prepares the same lines, in the same order, as the calling thread, and hashes the same file', async () => {
    const path = join(dir, 'b1.chd');
    await fabricateBundle(path, district, station, 1_200, 5);
    const onThread = await readAll(reader(0), path);
    const here = await readAll(reader(Number.POSITIVE_INFINITY), path);
    expect(onThread.batches.flatMap((b) => b.cases)).toHaveLength(1_200);
    expect(onThread.batches.flatMap((b) => b.audits)).toHaveLength(1_200);
    expect(onThread).toEqual(here);
    expect(onThread.fileSha256).toBe(await fileSha256(path));
  });

  it('refuses a case that belongs to another station, as the calling thread does', async () => {
    const path = join(dir, 'b1.chd');
    await fabricateBundle(path, district, station, 1_200, 5, 1, (line) => (line.type === 'case' && line.changeSeq === 900 ? { ...line, owningStation: 'PSN01' } : line));
    expect(await refusal(reader(0), path)).toMatchObject({ problem: 'payload-mismatch', detail: 'a case belongs to another station' });
    expect(await refusal(reader(Number.POSITIVE_INFINITY), path)).toMatchObject({ problem: 'payload-mismatch', detail: 'a case belongs to another station' });
  });

  it('refuses a file replaced after the importer verified it', async () => {
    const path = join(dir, 'b1.chd');
    const other = join(dir, 'b2.chd');
    await fabricateBundle(path, district, station, 1_200, 5);
    await fabricateBundle(other, district, station, 1_200, 6);
    const { opened, key } = await verified(path);
    copyFileSync(other, path);
    const lines = reader(0).batches(path, opened, key);
    await expect(lines.next()).rejects.toMatchObject({ problem: 'damaged', detail: 'the file changed while it was being imported' });
    opened.close();
  });

  it('a writer that stops in the middle of a bundle leaves the reader able to read the next one', async () => {
    const first = join(dir, 'b1.chd');
    const second = join(dir, 'b2.chd');
    await fabricateBundle(first, district, station, 1_200, 5);
    await fabricateBundle(second, district, station, 1_200, 6, 2);
    const shared = reader(0);
    const { opened, key } = await verified(first);
    for await (const batch of shared.batches(first, opened, key)) {
      expect(batch.cases.length + batch.audits.length).toBeGreaterThan(0);
      break;
    }
    opened.close();
    const { batches } = await readAll(shared, second);
    expect(batches.flatMap((b) => b.cases)).toHaveLength(1_200);
  });

  it('a read started ahead is used when the writer asks for that bundle, and cancelled when it asks for another', async () => {
    const first = join(dir, 'b1.chd');
    const second = join(dir, 'b2.chd');
    await fabricateBundle(first, district, station, 1_200, 5);
    await fabricateBundle(second, district, station, 1_200, 6, 2);
    const expected = await readAll(reader(Number.POSITIVE_INFINITY), second);
    const shared = reader(0);
    const ahead = await verified(first);
    shared.prefetch(first, ahead.opened, ahead.key);
    ahead.opened.close();
    // The writer decided against the first file: its read is dropped and the second one reads whole.
    expect(await readAll(shared, second)).toEqual(expected);
    const again = await verified(second);
    shared.prefetch(second, again.opened, again.key);
    again.opened.close();
    expect(await readAll(shared, second)).toEqual(expected);
  });

  it('an import run reads each next large bundle ahead, and one it skips changes nothing', async () => {
    const first = join(dir, 'b1.chd');
    const second = join(dir, 'b2.chd');
    await fabricateBundle(first, district, station, 2_500, 5);
    // Another station: fabricated bundles do not chain, so a second one from QTA07 would be a fork.
    await fabricateBundle(second, district, await fabricateStation(dir, district, 'QTA08'), 2_500, 6);
    const reports = await importBundles(district, [first, first, second, second]);
    expect(reports.map((r) => [r.code, r.casesAdded])).toEqual([
      ['ok', 2_500],
      ['duplicate', 0],
      ['ok', 2_500],
      ['duplicate', 0],
    ]);
    expect(district.register.db.sqlite.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(5_000);
  });

  it('a refused large bundle leaves the district unchanged and the next bundle still imports', async () => {
    const bad = join(dir, 'bad.chd');
    const good = join(dir, 'good.chd');
    await fabricateBundle(bad, district, station, 3_000, 5, 1, (line) => (line.type === 'case' && line.changeSeq === 2_500 ? { ...line, data: { ...line.data, category: 'nope' } } : line));
    await fabricateBundle(good, district, station, 3_000, 6);
    const before = contentHash(district.register.db.sqlite);
    const [refused] = await importBundles(district, [bad]);
    expect(refused).toMatchObject({ outcome: 'rejected', code: 'payload-mismatch' });
    expect(contentHash(district.register.db.sqlite)).toBe(before);
    const [applied] = await importBundles(district, [good]);
    expect(applied).toMatchObject({ outcome: 'applied', code: 'ok', casesAdded: 3_000 });
  });
});
