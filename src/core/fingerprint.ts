import { base32nopad } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';

/**
 * A key's fingerprint as a person reads it over the phone: "QH7K-2M4X-9TZA-LC3P". 16 base32 characters of the
 * SHA-256 of the key material (80 bits): enough that nobody can make a second key with the same fingerprint,
 * short enough to read aloud and compare. Base32 has no 0/O or 1/I pairs to mishear.
 */
export function fingerprint(...keyMaterial: Uint8Array[]): string {
  const total = keyMaterial.reduce((n, part) => n + part.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of keyMaterial) {
    joined.set(part, offset);
    offset += part.length;
  }
  const text = base32nopad.encode(sha256(joined)).slice(0, 16);
  return text.match(/.{4}/g)!.join('-');
}
