import { sha256 } from '@noble/hashes/sha2.js';
import { base32, base64, base64nopad } from '@scure/base';

/**
 * Small helpers shared by the age and minisign modules: byte sources, strict base64 and the phone-readable key
 * fingerprint.
 */

/** Anything the streaming functions read bytes from: a Node stream, an async generator, an array of chunks, or one buffer. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Uint8Array;

const EMPTY = new Uint8Array(0);

/** Yields the non-empty chunks of a source, refusing anything that is not bytes (a stream set to an encoding yields strings). */
export async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array, void, undefined> {
  if (source instanceof Uint8Array) {
    if (source.length > 0) yield source;
    return;
  }
  for await (const chunk of source as AsyncIterable<unknown>) {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('byte source yielded something other than a Uint8Array');
    if (chunk.length > 0) yield chunk;
  }
}

/** Collects a whole (small) source into one buffer. */
export async function collectBytes(source: ByteSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunksOf(source)) parts.push(chunk);
  return concatBytes(parts);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 0) return EMPTY;
  if (parts.length === 1) return parts[0] as Uint8Array;
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Constant-time comparison of two byte strings (the length is not secret). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

export const utf8 = {
  encode: (text: string): Uint8Array => new TextEncoder().encode(text),
  /** Strict: invalid UTF-8 throws instead of becoming U+FFFD. */
  decode: (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes),
};

/**
 * Canonical base64 (RFC 4648 section 4, standard alphabet). `padded: false` is age's raw form, which must not end in
 * `=`; `padded: true` is minisign's and PEM's. Non-canonical encodings (non-zero trailing bits, wrong padding,
 * characters outside the alphabet, whitespace) return null rather than being silently repaired.
 */
export function decodeBase64(text: string, padded: boolean): Uint8Array | null {
  try {
    return (padded ? base64 : base64nopad).decode(text);
  } catch {
    return null;
  }
}

export function encodeBase64(bytes: Uint8Array, padded: boolean): string {
  return (padded ? base64 : base64nopad).encode(bytes);
}

/**
 * A key fingerprint short enough to read over the phone: SHA-256 of the raw public key bytes, the first 10 bytes
 * (80 bits) in RFC 4648 base32 (A-Z and 2-7, so no 0/O or 1/I confusion), as four groups of four separated by
 * hyphens, e.g. `K7QF-2MZD-XW4B-PL3A`. Anyone can recompute it with standard tools from the 32 key bytes:
 * `sha256sum | xxd -r -p | head -c 10 | base32`.
 */
export function keyFingerprint(publicKey: Uint8Array): string {
  const text = base32.encode(sha256(publicKey).subarray(0, 10));
  return [text.slice(0, 4), text.slice(4, 8), text.slice(8, 12), text.slice(12, 16)].join('-');
}
