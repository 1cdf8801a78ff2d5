import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { AgeError, createEncryptor, generateX25519Identity, openDecryption } from './age.js';

/**
 * The outer layer of a bundle: an age v1 file to the district's X25519 recipient. This adapter names age's
 * failures the way the importer reports them.
 */

const AGE_MAGIC = 'age-encryption.org/v1\n';

export type OuterProblem = 'not-a-bundle' | 'not-for-us' | 'damaged';

export class OuterLayerError extends Error {
  constructor(
    readonly problem: OuterProblem,
    message: string,
  ) {
    super(message);
  }
}

export function generateAgreementIdentity(): { recipient: string; identity: string } {
  return generateX25519Identity();
}

/** The header is fixed before any payload is read, so its hash can go into the signed manifest. */
export function sealOuterLayer(recipient: string): { headerSha256: string; encrypt: (payload: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array> } {
  const encryptor = createEncryptor([recipient]);
  return { headerSha256: encryptor.headerSha256, encrypt: (payload) => encryptor.stream(payload) };
}

function outerProblem(error: AgeError): OuterLayerError {
  switch (error.kind) {
    case 'no-identity-matched':
      return new OuterLayerError('not-for-us', 'no recipient stanza is for this district');
    case 'hmac':
      return new OuterLayerError('damaged', 'the outer header was altered');
    case 'payload':
      return new OuterLayerError('damaged', 'the encrypted contents are damaged or cut short');
    default:
      return new OuterLayerError('damaged', 'the outer header is malformed');
  }
}

async function startsLikeAge(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(AGE_MAGIC.length), 0, AGE_MAGIC.length, 0);
    return bytesRead === AGE_MAGIC.length && buffer.toString('latin1') === AGE_MAGIC;
  } finally {
    await handle.close();
  }
}

/** sha256 of a whole file, in hex. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Opens the outer layer; the payload stream throws OuterLayerError('damaged') if it is cut short or altered.
 * `fileSha256` is the hash of the file's bytes exactly as read, known once the payload was read to its end.
 */
export async function openOuterLayer(path: string, identity: string): Promise<{ headerSha256: string; payload: AsyncIterable<Uint8Array>; fileSha256: () => string | null }> {
  if (!(await startsLikeAge(path))) throw new OuterLayerError('not-a-bundle', 'the file is not an age-encrypted bundle');
  const hash = createHash('sha256');
  let digest: string | null = null;
  const bytes = (async function* () {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
      hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
    digest = hash.digest('hex');
  })();
  try {
    const decryption = await openDecryption([identity], bytes);
    const payload = (async function* () {
      try {
        yield* decryption.plaintext;
      } catch (error) {
        throw error instanceof AgeError ? outerProblem(error) : error;
      }
    })();
    return { headerSha256: decryption.headerSha256, payload, fileSha256: () => digest };
  } catch (error) {
    throw error instanceof AgeError ? outerProblem(error) : error;
  }
}
