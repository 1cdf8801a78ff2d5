import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { pipeline as pipeStages, Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { ArchiveError, BUNDLE_ENTRIES, collect, MAX_ENTRY_BYTES, readBundleArchive } from './archive.js';
import { changeLineSchema, manifestSchema, trustedComment, type ChangeLine, type Manifest } from './format.js';
import { openOuterLayer, sealOuterLayer, OuterLayerError } from './outer.js';
import { signManifest, verifyManifest, ManifestSignatureError } from './manifest-signature.js';

/**
 * One bundle file, written and read as streams: sign-then-encrypt with the outer age header bound into the
 * signed manifest. The writer leaves nothing behind on failure (temporary files, then one rename); the reader
 * hands back the verified manifest first and the change lines after, and checks the change file against the
 * manifest as it goes, so an importer applies inside a transaction and rolls back on any mismatch.
 */

export type BundleProblem = 'not-a-bundle' | 'not-for-us' | 'damaged' | 'bad-signature' | 'rebound' | 'payload-mismatch';

/** Why a bundle cannot be used, as the importer's outcome code; `detail` never carries case data. */
export class BundleError extends Error {
  constructor(
    readonly problem: BundleProblem,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export type SigningIdentity = { keyId: string; secretKey: Uint8Array };

export type WriteBundleOptions = {
  path: string;
  recipient: string;
  signer: SigningIdentity;
  lines: Iterable<ChangeLine>;
  /** Builds the manifest once the change file's hash and the outer header are known. */
  manifest: (bound: { outerHeaderSha256: string; changes: { sha256: string; size: number } }) => Manifest;
  onProgress?: (linesWritten: number) => void;
};

/** Lines -> gzip -> temporary file, hashing the compressed bytes on the way. */
async function writeChangeFile(path: string, lines: Iterable<ChangeLine>, onProgress?: (n: number) => void): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  let written = 0;
  // Lines are batched into ~256 KiB chunks: one stream hop per line costs more than writing the line.
  const source = Readable.from(
    (function* () {
      let batch = '';
      for (const line of lines) {
        written++;
        if (onProgress && written % 1000 === 0) onProgress(written);
        batch += `${JSON.stringify(line)}\n`;
        if (batch.length >= 256 * 1024) {
          yield batch;
          batch = '';
        }
      }
      if (batch) yield batch;
    })(),
  );
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(source, createGzip({ level: 6 }), measure, createWriteStream(path));
  onProgress?.(written);
  return { sha256: hash.digest('hex'), size };
}

export async function writeBundle(options: WriteBundleOptions): Promise<{ manifest: Manifest; manifestBytes: Buffer; bytes: number }> {
  const changesPath = `${options.path}.changes.tmp`;
  const partialPath = `${options.path}.partial`;
  try {
    const changes = await writeChangeFile(changesPath, options.lines, options.onProgress);
    const seal = sealOuterLayer(options.recipient);
    const manifest = manifestSchema.parse(options.manifest({ outerHeaderSha256: seal.headerSha256, changes }));
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
    const signature = Buffer.from(signManifest(manifestBytes, options.signer, trustedComment(manifest)), 'utf8');

    const pack = tar.pack();
    const fixed = { mode: 0o644, mtime: new Date(0), uid: 0, gid: 0, uname: '', gname: '' };
    pack.entry({ name: BUNDLE_ENTRIES[0], size: manifestBytes.length, ...fixed }, manifestBytes);
    pack.entry({ name: BUNDLE_ENTRIES[1], size: signature.length, ...fixed }, signature);
    const changeEntry = pack.entry({ name: BUNDLE_ENTRIES[2], size: changes.size, ...fixed });
    const feedChanges = pipeline(createReadStream(changesPath), changeEntry).then(() => pack.finalize());

    const out = createWriteStream(partialPath, { flags: 'wx' });
    await Promise.all([feedChanges, pipeline(Readable.from(seal.encrypt(pack as unknown as AsyncIterable<Uint8Array>)), out)]);
    const handle = await open(partialPath, 'r+');
    await handle.sync();
    await handle.close();
    await rename(partialPath, options.path);
    return { manifest, manifestBytes, bytes: (await stat(options.path)).size };
  } catch (error) {
    await rm(partialPath, { force: true });
    throw error;
  } finally {
    await rm(changesPath, { force: true });
  }
}

export type OpenedBundle = {
  manifest: Manifest;
  manifestBytes: Buffer;
  manifestSha256: string;
  signature: { keyId: string; trustedComment: string };
  /** Verifies the signature with the station key the caller looked up by `signature.keyId`. */
  verifySignature: (publicKey: Uint8Array) => void;
  /** The change lines, validated one by one; throws BundleError('payload-mismatch') at the first disagreement. */
  lines: () => AsyncGenerator<ChangeLine>;
  /** sha256 of the whole file as read; null until `lines()` has read it to the end. */
  fileSha256: () => string | null;
  /** Stops reading (after a rejection decided from the manifest alone). */
  close: () => void;
};

/**
 * Opens a bundle as far as its manifest: outer layer (to our identity), archive order, manifest shape,
 * signature framing, and the binding of the outer header. The caller then checks the station key and the
 * sequence, and only then reads the lines.
 */
export async function openBundle(path: string, identity: string): Promise<OpenedBundle> {
  const outer = await openOuterLayer(path, identity).catch(rethrowOuter);
  const entries = readBundleArchive(outer.payload);
  const next = async () => {
    const step = await entries.next().catch(rethrowArchive);
    if (step.done) throw new BundleError('not-a-bundle', 'the archive ends early');
    return step.value;
  };
  const manifestEntry = await next();
  const manifestBytes = await collect(manifestEntry.stream, MAX_ENTRY_BYTES['manifest.json']).catch(rethrowArchive);
  const signatureEntry = await next();
  const signatureText = (await collect(signatureEntry.stream, MAX_ENTRY_BYTES['manifest.json.minisig']).catch(rethrowArchive)).toString('utf8');

  const manifest = parseManifest(manifestBytes);
  const framing = (() => {
    try {
      return verifyManifest.parse(signatureText);
    } catch {
      throw new BundleError('bad-signature', 'the signature file is malformed');
    }
  })();
  if (framing.keyId !== manifest.station.keyId) throw new BundleError('bad-signature', 'the manifest names another signing key');
  if (manifest.outerHeaderSha256 !== outer.headerSha256) throw new BundleError('rebound', 'the outer header is not the one the station signed');

  let signatureChecked = false;
  return {
    manifest,
    manifestBytes,
    manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
    signature: { keyId: framing.keyId, trustedComment: framing.trustedComment },
    verifySignature(publicKey) {
      try {
        verifyManifest.check(signatureText, manifestBytes, publicKey);
      } catch (error) {
        if (error instanceof ManifestSignatureError) throw new BundleError('bad-signature', error.message);
        throw error;
      }
      if (framing.trustedComment !== trustedComment(manifest)) throw new BundleError('bad-signature', 'the signed comment does not match the manifest');
      signatureChecked = true;
    },
    async *lines() {
      if (!signatureChecked) throw new Error('verify the signature before reading the changes');
      const changeEntry = await next();
      yield* readChangeLines(changeEntry.stream, manifest);
      const rest = await entries.next().catch(rethrowArchive);
      if (!rest.done) throw new BundleError('payload-mismatch', 'the archive has extra entries');
    },
    fileSha256: outer.fileSha256,
    close() {
      void entries.return(undefined);
    },
  };
}

function parseManifest(bytes: Buffer): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BundleError('not-a-bundle', 'manifest.json is not JSON');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new BundleError('not-a-bundle', `manifest.json is not a bundle manifest (${parsed.error.issues[0]?.path.join('.') || 'shape'})`);
  return parsed.data;
}

/** gunzip -> lines -> zod, while hashing the compressed bytes; the totals must equal the manifest's. */
async function* readChangeLines(stream: AsyncIterable<Buffer>, manifest: Manifest): AsyncGenerator<ChangeLine> {
  const expected = manifest.files['changes.ndjson.gz'];
  const hash = createHash('sha256');
  let size = 0;
  const measured = (async function* () {
    for await (const chunk of stream) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  })();
  // pipeline, not pipe(): pipe() does not forward an error of the source (a damaged outer layer past its first
  // 64 KiB chunk, a broken archive), which then surfaced as an unhandled 'error' event and killed the process.
  // pipeline destroys every stage with the first error, so iterating `gunzip` below throws it here.
  const gunzip = pipeStages(Readable.from(measured), createGunzip(), () => undefined);
  const counts = { cases: 0, auditEntries: 0 };
  let pending = '';
  const parseLine = (text: string): ChangeLine => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new BundleError('payload-mismatch', `change line ${counts.cases + counts.auditEntries + 1} is not JSON`);
    }
    const parsed = changeLineSchema.safeParse(json);
    if (!parsed.success) throw new BundleError('payload-mismatch', `change line ${counts.cases + counts.auditEntries + 1} is not a valid change`);
    if (parsed.data.type === 'case') counts.cases++;
    else counts.auditEntries++;
    return parsed.data;
  };
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      pending += chunk.toString('utf8');
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const text = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (text) yield parseLine(text);
      }
    }
  } catch (error) {
    if (error instanceof BundleError || error instanceof OuterLayerError || error instanceof ArchiveError) rethrowArchive(error);
    throw new BundleError('payload-mismatch', 'the change file is not valid gzip');
  }
  if (pending.trim()) yield parseLine(pending);
  if (size !== expected.size || hash.digest('hex') !== expected.sha256) throw new BundleError('payload-mismatch', 'the change file differs from the one the station signed');
  if (counts.cases !== manifest.changes.cases || counts.auditEntries !== manifest.changes.auditEntries) {
    throw new BundleError('payload-mismatch', 'the number of changes differs from the manifest');
  }
}

function rethrowOuter(error: unknown): never {
  if (error instanceof OuterLayerError) throw new BundleError(error.problem, error.message);
  throw error;
}

function rethrowArchive(error: unknown): never {
  if (error instanceof OuterLayerError) throw new BundleError(error.problem, error.message);
  if (error instanceof BundleError) throw error;
  if (error instanceof ArchiveError) throw new BundleError('not-a-bundle', error.message);
  throw error;
}
