import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import * as cctv from 'cctv-age';
import { afterAll, describe, expect, it } from 'vitest';
import { AgeError, decrypt, generateX25519Identity, headerSha256Hex, parseHeader, type AgeErrorKind } from '../../../src/bundle/age.js';

/**
 * Every C2SP CCTV age vector (npm `cctv-age`, see test/fixtures/age/README.md) that our X25519-only
 * implementation can be judged on. Skipped: vectors whose only key is a passphrase (scrypt is not implemented) and
 * vectors whose only key is a hybrid ML-KEM-768+X25519 identity (not implemented). Armored vectors run: the armor
 * is implemented.
 */

type Vector = {
  name: string;
  expect: string;
  payload: string | null;
  identities: string[];
  passphrases: string[];
  armored: boolean;
  data: Uint8Array;
};

function parseVector(name: string, file: Uint8Array): Vector {
  const text = Buffer.from(file).toString('latin1');
  const split = text.indexOf('\n\n');
  const fields = text.slice(0, split).split('\n').map((line) => {
    const colon = line.indexOf(': ');
    return [line.slice(0, colon), line.slice(colon + 2)] as const;
  });
  const all = (key: string): string[] => fields.filter(([k]) => k === key).map(([, v]) => v);
  const one = (key: string): string | null => all(key)[0] ?? null;
  let data: Uint8Array = file.subarray(split + 2);
  if (one('compressed') === 'zlib') data = inflateSync(data);
  else if (one('compressed') !== null) throw new Error(`${name}: unknown compression`);
  return {
    name,
    expect: one('expect') ?? '',
    payload: one('payload'),
    identities: all('identity'),
    passphrases: all('passphrase'),
    armored: one('armored') === 'yes',
    data,
  };
}

const vectors = Object.entries(cctv as unknown as Record<string, unknown>)
  .filter((entry): entry is [string, Uint8Array] => entry[1] instanceof Uint8Array)
  .map(([name, file]) => parseVector(name, file))
  .sort((a, b) => a.name.localeCompare(b.name));

const isX25519 = (identity: string): boolean => identity.startsWith('AGE-SECRET-KEY-1');

function skipReason(v: Vector): string | null {
  const x25519 = v.identities.filter(isX25519);
  if (x25519.length > 0) return null;
  if (v.passphrases.length > 0) return 'scrypt passphrase only';
  if (v.identities.length > 0) return 'hybrid post-quantum identity only';
  return null; // no key at all: a header or armor failure any identity must hit
}

const runnable = vectors.filter((v) => skipReason(v) === null);
const skipped = vectors.filter((v) => skipReason(v) !== null);
/** The vectors that test X25519 decryption: they name an X25519 identity, or no key at all. */
const x25519Vectors = vectors.filter((v) => v.identities.some(isX25519) || (v.identities.length === 0 && v.passphrases.length === 0));

const KINDS: Record<string, AgeErrorKind> = {
  'header failure': 'header',
  'HMAC failure': 'hmac',
  'payload failure': 'payload',
  'no match': 'no-identity-matched',
  'armor failure': 'armor',
};

async function run(v: Vector): Promise<{ hash: string; error: unknown }> {
  const identities = v.identities.filter(isX25519);
  if (identities.length === 0) identities.push(generateX25519Identity().identity);
  // Feed the file in uneven pieces so chunk boundaries never line up with the input's.
  const pieces = (function* () {
    for (let i = 0, n = 1; i < v.data.length; i += n, n = (n * 7 + 3) % 70_001) yield v.data.subarray(i, i + n);
  })();
  const hash = createHash('sha256');
  try {
    for await (const chunk of decrypt(identities, pieces, { armored: v.armored })) hash.update(chunk);
    return { hash: hash.digest('hex'), error: null };
  } catch (error) {
    return { hash: hash.digest('hex'), error };
  }
}

describe('C2SP CCTV age vectors', () => {
  afterAll(() => {
    const reasons = new Map<string, number>();
    for (const v of skipped) reasons.set(skipReason(v) as string, (reasons.get(skipReason(v) as string) ?? 0) + 1);
    console.log(
      `CCTV age vectors: ${vectors.length} total, ${runnable.length} ran, ${skipped.length} skipped (` +
        [...reasons].map(([r, n]) => `${n} ${r}`).join(', ') +
        `); X25519 vectors: ${x25519Vectors.length}`,
    );
  });

  it('runs at least 90% of the X25519 vectors, and the vector set is the one we expect', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(140);
    const ranX25519 = x25519Vectors.filter((v) => runnable.includes(v));
    expect(ranX25519.length / x25519Vectors.length).toBeGreaterThanOrEqual(0.9);
  });

  for (const v of runnable) {
    it(`${v.name}: ${v.expect}`, async () => {
      const { hash, error } = await run(v);
      if (v.expect === 'success') {
        expect(error).toBeNull();
        expect(hash).toBe(v.payload);
        return;
      }
      const kind = KINDS[v.expect];
      expect(kind, `unknown expectation ${v.expect}`).toBeDefined();
      expect(error).toBeInstanceOf(AgeError);
      expect((error as AgeError).kind, (error as Error).message).toBe(kind);
      // Whatever plaintext was released before the failure must be exactly the vector's payload so far.
      if (v.expect === 'payload failure') expect(hash).toBe(v.payload);
    });
  }

  it('parseHeader accepts every binary vector whose header is sound, and locates the payload', () => {
    let checked = 0;
    for (const v of runnable) {
      if (v.armored || v.expect === 'header failure') continue;
      const header = parseHeader(v.data);
      expect(header.bytes).toEqual(v.data.subarray(0, header.payloadOffset));
      expect(Buffer.from(header.macInput).toString('latin1').endsWith('\n---')).toBe(true);
      expect(header.stanzas.length).toBeGreaterThan(0);
      expect(headerSha256Hex(v.data)).toBe(createHash('sha256').update(v.data.subarray(0, header.payloadOffset)).digest('hex'));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });
});
