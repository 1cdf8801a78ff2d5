import { Readable } from 'node:stream';
import tar from 'tar-stream';

/**
 * The inside of a bundle: a plain ustar archive with exactly these entries in exactly this order, so that in an
 * emergency `age -d -i district.key bundle.chd | tar x` opens it with standard tools. The reader refuses any
 * other name, order, type or size before reading further.
 */
export const BUNDLE_ENTRIES = ['manifest.json', 'manifest.json.minisig', 'changes.ndjson.gz'] as const;
export type BundleEntryName = (typeof BUNDLE_ENTRIES)[number];

/** Manifest and signature are small; the change file is bounded so a hostile archive cannot exhaust memory. */
export const MAX_ENTRY_BYTES: Record<BundleEntryName, number> = {
  'manifest.json': 64 * 1024,
  'manifest.json.minisig': 4 * 1024,
  'changes.ndjson.gz': 2 * 1024 * 1024 * 1024,
};

export class ArchiveError extends Error {}

/** Packs the three entries (fixed order, fixed metadata so equal content gives equal bytes). */
export function packBundleArchive(entries: Record<BundleEntryName, Uint8Array>): AsyncIterable<Buffer> {
  const pack = tar.pack();
  for (const name of BUNDLE_ENTRIES) {
    pack.entry({ name, size: entries[name].length, mode: 0o644, mtime: new Date(0), uid: 0, gid: 0, uname: '', gname: '' }, Buffer.from(entries[name]));
  }
  pack.finalize();
  return pack as unknown as AsyncIterable<Buffer>;
}

export type ArchiveEntry = { name: BundleEntryName; size: number; stream: AsyncIterable<Buffer> };

/**
 * Reads the entries in order. The caller must consume each entry's stream before asking for the next; small
 * entries can be collected with `collect`.
 */
export async function* readBundleArchive(input: AsyncIterable<Uint8Array>): AsyncGenerator<ArchiveEntry> {
  const extract = tar.extract();
  const source = Readable.from(input);
  // pipe() does not forward a source's error: without this a damaged outer layer would leave the reader waiting.
  let sourceError: unknown;
  source.on('error', (error) => {
    sourceError = error;
    extract.destroy(error);
  });
  const feeding = source.pipe(extract);
  let index = 0;
  let finished = false;
  try {
    for await (const entry of extract) {
      const expected = BUNDLE_ENTRIES[index];
      const { name, type, size } = entry.header;
      if (!expected) throw new ArchiveError(`unexpected extra entry ${JSON.stringify(name).slice(0, 80)}`);
      if (name !== expected) throw new ArchiveError(`entry ${index + 1} is not ${expected}`);
      if (type !== 'file') throw new ArchiveError(`${expected} is not a plain file`);
      if (size === undefined || size > MAX_ENTRY_BYTES[expected]) throw new ArchiveError(`${expected} is too large`);
      yield { name: expected, size, stream: entry as AsyncIterable<Buffer> };
      index++;
    }
    finished = true;
  } catch (error) {
    feeding.destroy();
    source.destroy();
    if (sourceError !== undefined) throw sourceError;
    throw error instanceof ArchiveError ? error : new ArchiveError('the archive is malformed');
  } finally {
    // A reader that stops early (a bundle refused from its manifest alone) releases the file and the decryption.
    if (!finished) {
      feeding.destroy();
      source.destroy();
    }
  }
  if (index !== BUNDLE_ENTRIES.length) throw new ArchiveError(`the archive ends after ${index} of ${BUNDLE_ENTRIES.length} entries`);
}

/** The outer layer's failure if it failed, else the archive's own: callers report the first cause. */
export async function collect(stream: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw new ArchiveError('an entry is larger than it may be');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
