import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { blake2b } from '@noble/hashes/blake2.js';

export type InstallerDigests = { blake2b512: Uint8Array; sha512Base64: string; size: number };

/**
 * Hashes an installer in 1 MiB chunks (never whole in memory): BLAKE2b-512 for the minisign check (Electron's
 * BoringSSL has no BLAKE2b-512, so @noble/hashes), and sha512 in base64 as latest.yml states it.
 */
export async function digestFile(path: string): Promise<InstallerDigests> {
  const blake = blake2b.create({ dkLen: 64 });
  const sha = createHash('sha512');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    blake.update(chunk);
    sha.update(chunk);
    size += chunk.length;
  }
  return { blake2b512: blake.digest(), sha512Base64: sha.digest('base64'), size };
}
