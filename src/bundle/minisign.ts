import { createPrehasher, parsePublicKey, type PublicKey } from '../core/minisign.js';
import { chunksOf, keyFingerprint, type ByteSource } from './crypto-util.js';

/**
 * minisign for bundles: the one implementation is src/core/minisign.ts (keys, signing, verifying; shared with the
 * update check); this adds what bundles need on top of it: prehashing a stream, and the phone-readable fingerprint.
 */
export * from '../core/minisign.js';

/** Prehashes a whole stream (BLAKE2b-512, what a prehashed minisign signature covers). */
export async function prehash(source: ByteSource): Promise<Uint8Array> {
  const hasher = createPrehasher();
  for await (const chunk of chunksOf(source)) hasher.update(chunk);
  return hasher.digest();
}

/**
 * The phone-readable fingerprint of a public key (raw 32 bytes, a parsed key, or public key text): SHA-256 of the
 * 32 raw key bytes, first 80 bits in RFC 4648 base32, as four hyphenated groups of four, e.g. `K7QF-2MZD-XW4B-PL3A`.
 * The key id is not part of it (it is not bound by the signature).
 */
export function fingerprint(publicKey: Uint8Array | PublicKey | string): string {
  const raw = typeof publicKey === 'string' ? parsePublicKey(publicKey).publicKey : publicKey instanceof Uint8Array ? publicKey : publicKey.publicKey;
  if (raw.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  return keyFingerprint(raw);
}
