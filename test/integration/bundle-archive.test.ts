import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { ArchiveError, collect, packBundleArchive, readBundleArchive, type BundleEntryName } from '../../src/bundle/archive.js';

async function bytesOf(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readAll(archive: Buffer): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const entry of readBundleArchive(Readable.from([archive]))) out[entry.name] = (await collect(entry.stream, 1e9)).toString();
  return out;
}

const entries: Record<BundleEntryName, Uint8Array> = {
  'manifest.json': Buffer.from('{"format":"x"}'),
  'manifest.json.minisig': Buffer.from('sig'),
  'changes.ndjson.gz': Buffer.alloc(70_000, 1),
};

async function customArchive(list: Array<{ name: string; body: Buffer; type?: 'file' | 'directory' }>): Promise<Buffer> {
  const pack = tar.pack();
  for (const { name, body, type } of list) {
    if (type === 'directory') pack.entry({ name, type, size: 0 });
    else pack.entry({ name, size: body.length }, body);
  }
  pack.finalize();
  return bytesOf(pack as unknown as AsyncIterable<Buffer>);
}

describe('bundle archive', () => {
  it('round-trips the three entries, and equal content gives equal bytes', async () => {
    const archive = await bytesOf(packBundleArchive(entries));
    expect(await bytesOf(packBundleArchive(entries))).toEqual(archive);
    const read = await readAll(archive);
    expect(Object.keys(read)).toEqual(['manifest.json', 'manifest.json.minisig', 'changes.ndjson.gz']);
    expect(read['manifest.json']).toBe('{"format":"x"}');
    expect(read['changes.ndjson.gz']!.length).toBe(70_000);
  });

  it.each([
    ['a missing entry', [{ name: 'manifest.json', body: Buffer.from('{}') }, { name: 'manifest.json.minisig', body: Buffer.from('s') }], /ends after 2/],
    ['entries out of order', [{ name: 'manifest.json.minisig', body: Buffer.from('s') }], /entry 1 is not manifest.json/],
    ['an extra entry', [{ name: 'manifest.json', body: Buffer.from('{}') }, { name: 'manifest.json.minisig', body: Buffer.from('s') }, { name: 'changes.ndjson.gz', body: Buffer.from('c') }, { name: 'evil.sh', body: Buffer.from('x') }], /unexpected extra entry/],
    ['a path trick', [{ name: '../manifest.json', body: Buffer.from('{}') }], /entry 1 is not manifest.json/],
    ['a directory in place of a file', [{ name: 'manifest.json', body: Buffer.alloc(0), type: 'directory' as const }], /not a plain file|is not manifest.json/],
    ['an oversized manifest', [{ name: 'manifest.json', body: Buffer.alloc(70 * 1024) }], /too large/],
  ])('refuses %s', async (_label, list, message) => {
    await expect(readAll(await customArchive(list))).rejects.toThrow(message);
  });

  it('refuses a truncated or garbage archive as malformed', async () => {
    const archive = await bytesOf(packBundleArchive(entries));
    await expect(readAll(archive.subarray(0, 600))).rejects.toBeInstanceOf(ArchiveError);
    await expect(readAll(Buffer.from('not a tar at all'.repeat(100)))).rejects.toBeInstanceOf(ArchiveError);
  });
});
