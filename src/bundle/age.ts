import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { bech32 } from '@scure/base';
import { chunksOf, collectBytes, concatBytes, decodeBase64, encodeBase64, equalBytes, toHex, type ByteSource } from './crypto-util.js';

/**
 * age v1 (https://age-encryption.org/v1, c2sp.org/age) with X25519 recipients only: streaming encryption and
 * decryption, header parsing, and the optional ASCII armor. Passphrase (scrypt), hybrid post-quantum and plugin
 * recipients are not implemented; files that only carry those stanzas fail with `no-identity-matched`.
 *
 * Memory stays bounded by one 64 KiB STREAM chunk plus the header (at most `maxHeaderBytes`), whatever the file
 * size. Decrypted chunks are released as soon as their own tag verifies: a caller must not act on the plaintext
 * until the iteration has finished without throwing (a truncated file fails only at its end).
 *
 * Errors from file content are always `AgeError`, with a `kind` an importer can map to an outcome:
 * - `header`: not an age v1 file, a malformed header or X25519 stanza, a header cut short, or a missing payload nonce
 *   (all "damaged");
 * - `no-identity-matched`: a well-formed header whose stanzas none of our identities can open ("not for us");
 * - `hmac`: the header MAC does not verify although the file key was unwrapped (damaged or tampered);
 * - `payload`: a STREAM chunk fails to authenticate, the file is truncated, the last chunk is empty, or data follows
 *   the final chunk (damaged, truncated or tampered);
 * - `armor`: the ASCII armor is malformed (only when reading armored input).
 * Malformed keys given by the caller (recipient or identity strings) throw `AgeKeyError` instead, which never
 * describes the file.
 */

export type AgeErrorKind = 'header' | 'no-identity-matched' | 'hmac' | 'payload' | 'armor';

export class AgeError extends Error {
  override readonly name = 'AgeError';
  constructor(
    readonly kind: AgeErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A recipient or identity string (or raw key) handed to this module is malformed. Never caused by file content. */
export class AgeKeyError extends Error {
  override readonly name = 'AgeKeyError';
}

const VERSION_LINE = 'age-encryption.org/v1';
const VERSION_PREFIX = 'age-encryption.org/';
const X25519_LABEL = 'age-encryption.org/v1/X25519';
const RECIPIENT_HRP = 'age';
const IDENTITY_HRP = 'AGE-SECRET-KEY-';
const FILE_KEY_SIZE = 16;
const NONCE_SIZE = 16;
const TAG_SIZE = 16;
/** Plaintext bytes per STREAM chunk. */
export const CHUNK_SIZE = 64 * 1024;
const SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE;
const BODY_LINE_COLUMNS = 64;
const MAC_LINE_LENGTH = 4 + 43; // "--- " + 43 base64 characters of a 32-byte HMAC
/** Default limit on the header size; X25519 stanzas are about 110 bytes each. */
export const DEFAULT_MAX_HEADER_BYTES = 1024 * 1024;

const LF = 0x0a;
const LF_BYTES = new Uint8Array([LF]);
const textEncoder = new TextEncoder();
const ascii = (text: string): Uint8Array => textEncoder.encode(text);
/** Bytes as Latin-1 text (each byte one code unit), for comparing and splitting header lines. */
const asciiString = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

// ---------------------------------------------------------------------------------------------------------------
// Keys

export type X25519Identity = {
  /** The 32-byte X25519 secret scalar. */
  readonly secretKey: Uint8Array;
  /** The matching 32-byte public key (the recipient). */
  readonly publicKey: Uint8Array;
};

function bech32Decode(text: string, hrp: string, what: string): Uint8Array {
  // Bech32 allows all-lowercase or all-uppercase; age fixes which: recipients lowercase, identities uppercase.
  const wantUpper = hrp === IDENTITY_HRP;
  if (text !== (wantUpper ? text.toUpperCase() : text.toLowerCase())) {
    throw new AgeKeyError(`${what} must be all ${wantUpper ? 'uppercase' : 'lowercase'}`);
  }
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = bech32.decode(text as `${string}1${string}`, false);
  } catch (error) {
    throw new AgeKeyError(`${what} is not valid Bech32`, { cause: error });
  }
  if (decoded.prefix !== hrp.toLowerCase()) throw new AgeKeyError(`${what} does not start with ${hrp}1`);
  let bytes: Uint8Array;
  try {
    bytes = bech32.fromWords(decoded.words);
  } catch (error) {
    throw new AgeKeyError(`${what} is not valid Bech32`, { cause: error });
  }
  if (bytes.length !== 32) throw new AgeKeyError(`${what} does not hold a 32-byte key`);
  return bytes;
}

/** `age1...` to the 32-byte X25519 public key. Throws `AgeKeyError`. */
export function parseRecipient(recipient: string): Uint8Array {
  return bech32Decode(recipient, RECIPIENT_HRP, 'age recipient');
}

export function formatRecipient(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new AgeKeyError('an X25519 public key is 32 bytes');
  return bech32.encode(RECIPIENT_HRP, bech32.toWords(publicKey), false);
}

/** `AGE-SECRET-KEY-1...` to the secret key and its public key. Throws `AgeKeyError`. */
export function parseIdentity(identity: string): X25519Identity {
  const secretKey = bech32Decode(identity, IDENTITY_HRP, 'age identity');
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

/** The 32-byte secret key as `AGE-SECRET-KEY-1...` (uppercase, as age-keygen writes it). */
export function formatIdentity(secretKey: Uint8Array): string {
  if (secretKey.length !== 32) throw new AgeKeyError('an X25519 secret key is 32 bytes');
  return bech32.encode(IDENTITY_HRP, bech32.toWords(secretKey), false).toUpperCase();
}

/** The recipient (`age1...`) of an identity (`AGE-SECRET-KEY-1...`). */
export function identityToRecipient(identity: string): string {
  return formatRecipient(parseIdentity(identity).publicKey);
}

/** A fresh X25519 key pair, encoded as age-keygen would. */
export function generateX25519Identity(): { identity: string; recipient: string } {
  const secretKey = x25519.utils.randomSecretKey();
  return { identity: formatIdentity(secretKey), recipient: formatRecipient(x25519.getPublicKey(secretKey)) };
}

/**
 * Identities from an identity file as age-keygen writes it: one `AGE-SECRET-KEY-1...` per line, blank lines and
 * `#` comments ignored. Throws `AgeKeyError` on anything else.
 */
export function parseIdentityFile(text: string): X25519Identity[] {
  const identities: X25519Identity[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.startsWith('#')) continue;
    identities.push(parseIdentity(line));
  }
  if (identities.length === 0) throw new AgeKeyError('the identity file holds no identity');
  return identities;
}

export type RecipientInput = string | Uint8Array;
export type IdentityInput = string | X25519Identity;

function toRecipientKey(recipient: RecipientInput): Uint8Array {
  if (typeof recipient === 'string') return parseRecipient(recipient);
  if (recipient.length !== 32) throw new AgeKeyError('an X25519 public key is 32 bytes');
  return recipient;
}

function toIdentity(identity: IdentityInput): X25519Identity {
  if (typeof identity === 'string') return parseIdentity(identity);
  if (identity.secretKey.length !== 32 || identity.publicKey.length !== 32) throw new AgeKeyError('an X25519 key is 32 bytes');
  return identity;
}

// ---------------------------------------------------------------------------------------------------------------
// Header

export type Stanza = {
  /** All arguments of the `->` line; the first is the stanza type (e.g. `X25519`). */
  readonly args: readonly string[];
  /** The decoded body. */
  readonly body: Uint8Array;
};

export type AgeHeader = {
  readonly stanzas: readonly Stanza[];
  /** The 32-byte header MAC from the `---` line. */
  readonly mac: Uint8Array;
  /** The bytes the MAC covers: from the version line through the `---` mark (without the space after it). */
  readonly macInput: Uint8Array;
  /** The raw header, through the MAC line and its line feed: exactly the bytes before the payload. */
  readonly bytes: Uint8Array;
  /** Offset of the payload (its 16-byte nonce) in the file; equals `bytes.length`. */
  readonly payloadOffset: number;
};

const isBase64Char = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f;
const isVchar = (c: number): boolean => c >= 0x21 && c <= 0x7e;

const headerError = (message: string): AgeError => new AgeError('header', message);

/**
 * Parses the header one line (without its LF) at a time, strictly per the ABNF of the spec:
 * `header = v1-line 1*stanza end`, arguments of VCHAR separated by single spaces, bodies of canonical unpadded
 * base64 in full 64-column lines ending with a shorter (possibly empty) one, and `--- ` plus 43 base64 characters.
 */
class HeaderParser {
  readonly stanzas: Stanza[] = [];
  mac: Uint8Array | null = null;
  private state: 'version' | 'next' | 'body' = 'version';
  private args: string[] = [];
  private body: Uint8Array[] = [];

  /** Feeds one line; returns true once the MAC line has been read. */
  push(line: Uint8Array): boolean {
    switch (this.state) {
      case 'version': {
        const text = asciiString(line);
        if (text !== VERSION_LINE) {
          throw headerError(text.startsWith(VERSION_PREFIX) ? 'unsupported age format version' : 'not an age file');
        }
        this.state = 'next';
        return false;
      }
      case 'body':
        this.pushBodyLine(line);
        return false;
      case 'next':
        if (line[0] === 0x2d && line[1] === 0x3e && line[2] === 0x20) {
          // "-> " then one or more arguments separated by single spaces
          this.args = parseArguments(line.subarray(3));
          this.body = [];
          this.state = 'body';
          return false;
        }
        if (line[0] === 0x2d && line[1] === 0x2d && line[2] === 0x2d) {
          this.mac = parseMacLine(line);
          if (this.stanzas.length === 0) throw headerError('the header has no recipient stanza');
          return true;
        }
        throw headerError('a header line is neither a stanza nor the MAC line');
    }
  }

  private pushBodyLine(line: Uint8Array): void {
    if (line.length > BODY_LINE_COLUMNS) throw headerError('a stanza body line is longer than 64 columns');
    for (const c of line) if (!isBase64Char(c)) throw headerError('a stanza body line is not base64');
    const decoded = decodeBase64(asciiString(line), false);
    if (decoded === null) throw headerError('a stanza body is not canonical base64');
    this.body.push(decoded);
    if (line.length < BODY_LINE_COLUMNS) {
      this.stanzas.push({ args: this.args, body: concatBytes(this.body) });
      this.state = 'next';
    }
  }
}

function parseArguments(bytes: Uint8Array): string[] {
  const args: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const c = i < bytes.length ? (bytes[i] as number) : 0x20;
    if (c === 0x20) {
      if (i === start) throw headerError('a stanza has an empty argument');
      args.push(asciiString(bytes.subarray(start, i)));
      start = i + 1;
    } else if (!isVchar(c)) {
      throw headerError('a stanza argument has a character outside printable ASCII');
    }
  }
  return args;
}

function parseMacLine(line: Uint8Array): Uint8Array {
  if (line.length !== MAC_LINE_LENGTH || line[3] !== 0x20) throw headerError('the MAC line is malformed');
  const encoded = line.subarray(4);
  for (const c of encoded) if (!isBase64Char(c)) throw headerError('the MAC line is malformed');
  const mac = decodeBase64(asciiString(encoded), false);
  if (mac === null || mac.length !== 32) throw headerError('the header MAC is not canonical base64');
  return mac;
}

function finishHeader(parser: HeaderParser, bytes: Uint8Array): AgeHeader {
  const mac = parser.mac as Uint8Array;
  // bytes ends with "--- <43 chars>\n": the MAC covers everything through "---".
  const macInput = bytes.subarray(0, bytes.length - 1 - MAC_LINE_LENGTH + 3);
  return { stanzas: parser.stanzas, mac, macInput, bytes, payloadOffset: bytes.length };
}

/**
 * Parses the header at the start of an age file (binary, not armored). `input` may hold just the header or the
 * whole file; only the header is read. Throws `AgeError` of kind `header`.
 */
export function parseHeader(input: Uint8Array, maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES): AgeHeader {
  const parser = new HeaderParser();
  let offset = 0;
  for (;;) {
    const lf = input.indexOf(LF, offset);
    if (lf === -1 || lf + 1 > maxHeaderBytes) {
      throw headerError(lf === -1 ? 'the header is truncated' : 'the header is too large');
    }
    const done = parser.push(input.subarray(offset, lf));
    offset = lf + 1;
    if (done) return finishHeader(parser, input.slice(0, offset));
  }
}

/** SHA-256 of the raw header through its MAC line (including that line's LF), i.e. of `AgeHeader.bytes`. */
export function headerSha256(header: AgeHeader | Uint8Array): Uint8Array {
  return sha256(header instanceof Uint8Array ? parseHeader(header).bytes : header.bytes);
}

/** `headerSha256` in lowercase hex, as a manifest records it. */
export function headerSha256Hex(header: AgeHeader | Uint8Array): string {
  return toHex(headerSha256(header));
}

function encodeHeaderWithoutMac(stanzas: readonly Stanza[]): string {
  let text = `${VERSION_LINE}\n`;
  for (const stanza of stanzas) {
    text += `-> ${stanza.args.join(' ')}\n`;
    const body = encodeBase64(stanza.body, false);
    for (let i = 0; i < body.length; i += BODY_LINE_COLUMNS) text += `${body.slice(i, i + BODY_LINE_COLUMNS)}\n`;
    if (body.length % BODY_LINE_COLUMNS === 0) text += '\n'; // the final line must be short, so possibly empty
  }
  return `${text}---`;
}

// ---------------------------------------------------------------------------------------------------------------
// Key derivation and stanzas

const hkdf32 = (ikm: Uint8Array, salt: Uint8Array, info: string): Uint8Array => hkdf(sha256, ikm, salt, ascii(info), 32);
const ZERO_NONCE = new Uint8Array(12);
const EMPTY = new Uint8Array(0);

function headerMac(fileKey: Uint8Array, macInput: Uint8Array): Uint8Array {
  return hmac(sha256, hkdf32(fileKey, EMPTY, 'header'), macInput);
}

function wrapX25519(fileKey: Uint8Array, recipient: Uint8Array): Stanza {
  const ephemeral = x25519.utils.randomSecretKey();
  const share = x25519.getPublicKey(ephemeral);
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(ephemeral, recipient);
  } catch (error) {
    throw new AgeKeyError('the recipient is not a usable X25519 public key', { cause: error });
  }
  const wrapKey = hkdf32(shared, concatBytes([share, recipient]), X25519_LABEL);
  const body = chacha20poly1305(wrapKey, ZERO_NONCE).encrypt(fileKey);
  return { args: ['X25519', encodeBase64(share, false)], body };
}

/**
 * Checks an `X25519` stanza is well formed, per the spec's MUSTs (exactly two arguments, a canonical 32-byte share,
 * a 32-byte body), and returns its share. Throws `header`.
 */
function x25519Share(stanza: Stanza): Uint8Array {
  if (stanza.args.length !== 2) throw headerError('an X25519 stanza must have exactly one argument after its type');
  const share = decodeBase64(stanza.args[1] as string, false);
  if (share === null || share.length !== 32) throw headerError('an X25519 stanza share is not a canonical 32-byte value');
  if (stanza.body.length !== FILE_KEY_SIZE + TAG_SIZE) throw headerError('an X25519 stanza body is not 32 bytes');
  return share;
}

/** The file key if this identity opens the stanza, null if it is not addressed to it. */
function unwrapX25519(stanza: Stanza, share: Uint8Array, identity: X25519Identity): Uint8Array | null {
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(identity.secretKey, share);
  } catch (error) {
    // @noble/curves refuses low-order shares, whose shared secret would be all zeroes.
    throw new AgeError('header', 'an X25519 stanza share is a low-order point', { cause: error });
  }
  if (shared.every((b) => b === 0)) throw headerError('an X25519 stanza gives an all-zero shared secret');
  const wrapKey = hkdf32(shared, concatBytes([share, identity.publicKey]), X25519_LABEL);
  try {
    return chacha20poly1305(wrapKey, ZERO_NONCE).decrypt(stanza.body);
  } catch {
    return null;
  }
}

/** Finds the file key, or throws `header` / `no-identity-matched`. */
function unwrapFileKey(header: AgeHeader, identities: readonly X25519Identity[]): Uint8Array {
  const { stanzas } = header;
  if (stanzas.some((s) => s.args[0] === 'scrypt') && stanzas.length !== 1) {
    throw headerError('an scrypt stanza must be the only stanza in the header');
  }
  // Validate every X25519 stanza first, so a malformed one is reported whatever its position.
  const shares = stanzas.map((s) => (s.args[0] === 'X25519' ? x25519Share(s) : null));
  for (let i = 0; i < stanzas.length; i++) {
    const share = shares[i];
    if (!share) continue;
    for (const identity of identities) {
      const fileKey = unwrapX25519(stanzas[i] as Stanza, share, identity);
      if (fileKey) return fileKey;
    }
  }
  throw new AgeError('no-identity-matched', 'no identity matched any of the recipients');
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** Pull-based reader over a byte source with line and fixed-size reads. */
class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private chunk: Uint8Array = EMPTY;
  private offset = 0;
  private ended = false;

  constructor(source: ByteSource) {
    this.iterator = chunksOf(source)[Symbol.asyncIterator]();
  }

  /** True when an unread byte is buffered; false at the end of input. */
  private async fill(): Promise<boolean> {
    while (this.offset >= this.chunk.length) {
      if (this.ended) return false;
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        this.chunk = EMPTY;
        this.offset = 0;
        return false;
      }
      this.chunk = next.value;
      this.offset = 0;
    }
    return true;
  }

  async atEnd(): Promise<boolean> {
    return !(await this.fill());
  }

  /**
   * The next line without its LF, or null at the end of input. `terminated` is false for a last line without LF.
   * Returns 'too-long' when the line (with its LF) would exceed `max` bytes.
   */
  async readLine(max: number): Promise<{ line: Uint8Array; terminated: boolean } | null | 'too-long'> {
    const parts: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      if (!(await this.fill())) return length === 0 ? null : { line: concatBytes(parts), terminated: false };
      const lf = this.chunk.indexOf(LF, this.offset);
      const end = lf === -1 ? this.chunk.length : lf;
      length += end - this.offset + (lf === -1 ? 0 : 1);
      if (length > max) return 'too-long';
      parts.push(this.chunk.subarray(this.offset, end));
      this.offset = lf === -1 ? end : lf + 1;
      if (lf !== -1) return { line: concatBytes(parts), terminated: true };
    }
  }

  /** Exactly `n` bytes, or fewer only at the end of input. The result is only valid until the next read. */
  async read(n: number): Promise<Uint8Array> {
    if (!(await this.fill())) return EMPTY;
    if (this.chunk.length - this.offset >= n) {
      const out = this.chunk.subarray(this.offset, this.offset + n);
      this.offset += n;
      return out;
    }
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n && (await this.fill())) {
      const take = Math.min(n - filled, this.chunk.length - this.offset);
      out.set(this.chunk.subarray(this.offset, this.offset + take), filled);
      this.offset += take;
      filled += take;
    }
    return filled === n ? out : out.subarray(0, filled);
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.iterator.return?.();
  }
}

async function readHeader(reader: ByteReader, maxHeaderBytes: number): Promise<AgeHeader> {
  const parser = new HeaderParser();
  const raw: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await reader.readLine(maxHeaderBytes - size);
    if (next === 'too-long') throw headerError('the header is too large');
    if (next === null || !next.terminated) throw headerError(size === 0 && next === null ? 'the file is empty' : 'the header is truncated');
    raw.push(next.line, LF_BYTES);
    size += next.line.length + 1;
    if (parser.push(next.line)) return finishHeader(parser, concatBytes(raw));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// STREAM

function chunkNonce(counter: number, last: boolean): Uint8Array {
  const nonce = new Uint8Array(12);
  // 11-byte big-endian counter; a JS number covers 2^53 chunks (2^69 bytes), far past any real file.
  let c = counter;
  for (let i = 10; i >= 0 && c > 0; i--) {
    nonce[i] = c % 256;
    c = Math.floor(c / 256);
  }
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function openChunk(key: Uint8Array, counter: number, last: boolean, sealed: Uint8Array): Uint8Array | null {
  try {
    return chacha20poly1305(key, chunkNonce(counter, last)).decrypt(sealed);
  } catch {
    return null;
  }
}

/**
 * STREAM decryption as the reference implementation does it, so the plaintext released before an error matches the
 * CCTV vectors: a full-size chunk is opened as a middle chunk, and if that fails as a (full-size) final chunk; a
 * shorter read must be the final chunk. After the final chunk the input must end.
 */
async function* decryptPayload(reader: ByteReader, payloadKey: Uint8Array): AsyncGenerator<Uint8Array, void, undefined> {
  const payloadError = (message: string): AgeError => new AgeError('payload', message);
  for (let counter = 0; ; counter++) {
    const sealed = await reader.read(SEALED_CHUNK_SIZE);
    if (sealed.length < SEALED_CHUNK_SIZE) {
      if (sealed.length === 0) throw payloadError(counter === 0 ? 'the payload has no chunks' : 'the payload is truncated: it ends without a final chunk');
      if (sealed.length < TAG_SIZE) throw payloadError('the last payload chunk is shorter than its tag');
      if (sealed.length === TAG_SIZE && counter > 0) throw payloadError('the final payload chunk is empty');
      const plaintext = openChunk(payloadKey, counter, true, sealed);
      if (!plaintext) throw payloadError(`payload chunk ${counter} failed to authenticate (damaged or truncated)`);
      if (plaintext.length > 0) yield plaintext;
      return;
    }
    const middle = openChunk(payloadKey, counter, false, sealed);
    if (middle) {
      yield middle;
      continue;
    }
    const final = openChunk(payloadKey, counter, true, sealed);
    if (!final) throw payloadError(`payload chunk ${counter} failed to authenticate`);
    yield final;
    if (!(await reader.atEnd())) throw payloadError('data follows the final payload chunk');
    return;
  }
}

function sealChunk(key: Uint8Array, counter: number, last: boolean, plaintext: Uint8Array): Uint8Array {
  return chacha20poly1305(key, chunkNonce(counter, last)).encrypt(plaintext);
}

// ---------------------------------------------------------------------------------------------------------------
// Encryption

export type EncryptOptions = {
  /** Emit the ASCII armor (PEM "AGE ENCRYPTED FILE") instead of the binary format. */
  armored?: boolean;
};

export type Encryptor = {
  /** The complete binary header (through the MAC line), fixed before any plaintext is read. */
  readonly header: Uint8Array;
  /** SHA-256 of `header` in hex: what a signed manifest inside the payload records to bind the outer header. */
  readonly headerSha256: string;
  /** Streams the encrypted file: header, nonce, then STREAM chunks. May be called once. */
  stream(plaintext: ByteSource, options?: EncryptOptions): AsyncGenerator<Uint8Array, void, undefined>;
};

/**
 * Prepares an encryption to one or more X25519 recipients (`age1...` strings or raw 32-byte keys). The header is
 * made up front so its hash can go inside the payload.
 */
export function createEncryptor(recipients: readonly RecipientInput[]): Encryptor {
  if (recipients.length === 0) throw new AgeKeyError('at least one recipient is needed');
  const keys = recipients.map(toRecipientKey);
  const fileKey = randomBytes(FILE_KEY_SIZE);
  const stanzas = keys.map((key) => wrapX25519(fileKey, key));
  const withoutMac = ascii(encodeHeaderWithoutMac(stanzas));
  const mac = headerMac(fileKey, withoutMac);
  const header = concatBytes([withoutMac, ascii(` ${encodeBase64(mac, false)}\n`)]);
  let used = false;

  async function* binary(plaintext: ByteSource): AsyncGenerator<Uint8Array, void, undefined> {
    const nonce = randomBytes(NONCE_SIZE);
    const payloadKey = hkdf32(fileKey, nonce, 'payload');
    yield header;
    yield nonce;
    const buffer = new Uint8Array(CHUNK_SIZE);
    let filled = 0;
    let counter = 0;
    for await (const chunk of chunksOf(plaintext)) {
      let offset = 0;
      while (offset < chunk.length) {
        if (filled === CHUNK_SIZE) {
          // More data follows a full buffer, so that buffer was not the final chunk.
          yield sealChunk(payloadKey, counter++, false, buffer);
          filled = 0;
        }
        const take = Math.min(CHUNK_SIZE - filled, chunk.length - offset);
        buffer.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
      }
    }
    yield sealChunk(payloadKey, counter, true, buffer.subarray(0, filled));
  }

  return {
    header,
    headerSha256: toHex(sha256(header)),
    stream(plaintext, options = {}) {
      if (used) throw new Error('an age Encryptor streams one file only (its file key must not be reused)');
      used = true;
      return options.armored ? armor(binary(plaintext)) : binary(plaintext);
    },
  };
}

/** Encrypts a stream to the recipients: `createEncryptor(recipients).stream(plaintext, options)`. */
export function encrypt(recipients: readonly RecipientInput[], plaintext: ByteSource, options?: EncryptOptions): AsyncGenerator<Uint8Array, void, undefined> {
  return createEncryptor(recipients).stream(plaintext, options);
}

/** Encrypts a small buffer in one go. */
export async function encryptBytes(recipients: readonly RecipientInput[], plaintext: Uint8Array, options?: EncryptOptions): Promise<Uint8Array> {
  return collectBytes(encrypt(recipients, plaintext, options));
}

// ---------------------------------------------------------------------------------------------------------------
// Decryption

export type DecryptOptions = {
  /** The input is ASCII-armored (PEM "AGE ENCRYPTED FILE"). Default false: binary only. */
  armored?: boolean;
  /** Refuse headers larger than this many bytes (default 1 MiB). */
  maxHeaderBytes?: number;
};

export type Decryption = {
  /** The verified header (its MAC checked with the unwrapped file key). */
  readonly header: AgeHeader;
  /** SHA-256 of the raw header through its MAC line, hex: compare with the manifest's record. */
  readonly headerSha256: string;
  /**
   * The plaintext, one verified chunk (at most 64 KiB) at a time. Throws `AgeError` `payload` (or `armor`) on
   * damage, truncation or trailing data; only a complete iteration proves the whole payload authentic.
   */
  readonly plaintext: AsyncGenerator<Uint8Array, void, undefined>;
  /** Releases the input without reading further (needed only if `plaintext` is abandoned before it ends). */
  close(): Promise<void>;
};

/**
 * Reads and verifies the header (unwraps the file key with the identities, checks the MAC, reads the nonce) and
 * returns a lazy plaintext stream. Throws `AgeError` (`header`, `no-identity-matched`, `hmac`, `armor`).
 */
export async function openDecryption(identities: readonly IdentityInput[], ciphertext: ByteSource, options: DecryptOptions = {}): Promise<Decryption> {
  if (identities.length === 0) throw new AgeKeyError('at least one identity is needed');
  const keys = identities.map(toIdentity);
  const reader = new ByteReader(options.armored ? dearmor(ciphertext) : ciphertext);
  try {
    const header = await readHeader(reader, options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES);
    const fileKey = unwrapFileKey(header, keys);
    if (!equalBytes(headerMac(fileKey, header.macInput), header.mac)) throw new AgeError('hmac', 'the header MAC does not verify');
    const nonce = await reader.read(NONCE_SIZE);
    if (nonce.length < NONCE_SIZE) throw headerError('the file ends before the payload nonce');
    const payloadKey = hkdf32(fileKey, nonce.slice(), 'payload');
    const plaintext = (async function* () {
      try {
        yield* decryptPayload(reader, payloadKey);
      } finally {
        await reader.close();
      }
    })();
    return { header, headerSha256: toHex(sha256(header.bytes)), plaintext, close: () => reader.close() };
  } catch (error) {
    await reader.close().catch(() => undefined);
    throw error;
  }
}

/** Decrypts a stream: header checks, then plaintext chunks. See `openDecryption` for the errors. */
export async function* decrypt(identities: readonly IdentityInput[], ciphertext: ByteSource, options?: DecryptOptions): AsyncGenerator<Uint8Array, void, undefined> {
  const decryption = await openDecryption(identities, ciphertext, options);
  yield* decryption.plaintext;
}

/** Decrypts a small file in one go. */
export async function decryptBytes(identities: readonly IdentityInput[], ciphertext: ByteSource, options?: DecryptOptions): Promise<Uint8Array> {
  return collectBytes(decrypt(identities, ciphertext, options));
}

// ---------------------------------------------------------------------------------------------------------------
// ASCII armor: strict RFC 7468 PEM with label "AGE ENCRYPTED FILE", 64-column padded base64, LF or CRLF line ends,
// whitespace tolerated only before and after the block.

const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const ARMOR_END = '-----END AGE ENCRYPTED FILE-----';
const ARMOR_COLUMNS = 64;
const ARMOR_MAX_LINE = 80;
const isArmorSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Streams binary age data out as ASCII armor. */
export async function* armor(binary: ByteSource): AsyncGenerator<Uint8Array, void, undefined> {
  const bytesPerLine = (ARMOR_COLUMNS / 4) * 3;
  yield ascii(`${ARMOR_BEGIN}\n`);
  let pending: Uint8Array = EMPTY;
  for await (const chunk of chunksOf(binary)) {
    const data = pending.length > 0 ? concatBytes([pending, chunk]) : chunk;
    const whole = data.length - (data.length % bytesPerLine);
    let text = '';
    for (let i = 0; i < whole; i += bytesPerLine) text += `${encodeBase64(data.subarray(i, i + bytesPerLine), true)}\n`;
    if (text) yield ascii(text);
    pending = data.slice(whole);
  }
  yield ascii(`${pending.length > 0 ? `${encodeBase64(pending, true)}\n` : ''}${ARMOR_END}\n`);
}

/** Streams the binary age data out of ASCII armor. Throws `AgeError` of kind `armor`. */
export async function* dearmor(armored: ByteSource): AsyncGenerator<Uint8Array, void, undefined> {
  const armorError = (message: string): AgeError => new AgeError('armor', message);
  const reader = new ByteReader(armored);
  try {
    // Leading whitespace, then the BEGIN line.
    let first: Uint8Array;
    for (;;) {
      const b = await reader.read(1);
      if (b.length === 0) throw armorError('no armored age file found');
      if (!isArmorSpace(b[0] as number)) {
        first = b.slice();
        break;
      }
    }
    const readArmorLine = async (): Promise<{ text: string; terminated: boolean } | null> => {
      const next = await reader.readLine(ARMOR_MAX_LINE);
      if (next === 'too-long') throw armorError('an armor line is too long');
      if (next === null) return null;
      let line = next.line;
      if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, -1);
      return { text: asciiString(line), terminated: next.terminated };
    };
    const begin = await readArmorLine();
    if (!begin || asciiString(first) + begin.text !== ARMOR_BEGIN || !begin.terminated) throw armorError('the armor does not start with the age BEGIN line');

    let sawLastLine = false; // a short or padded line has to be the last before END
    let batch: Uint8Array[] = []; // decoded lines are handed on in batches of about 48 KiB, not 48 bytes
    for (;;) {
      const line = await readArmorLine();
      if (!line) throw armorError('the armor has no END line');
      if (line.text === ARMOR_END) break;
      if (sawLastLine) throw armorError('a short armor line is not the last one');
      if (!line.terminated) throw armorError('the armor has no END line');
      const length = line.text.length;
      if (length === 0 || length > ARMOR_COLUMNS) throw armorError('an armor line is empty or longer than 64 columns');
      if (length % 4 !== 0) throw armorError('an armor line is not padded base64');
      const decoded = decodeBase64(line.text, true);
      if (decoded === null) throw armorError('an armor line is not canonical base64');
      if (length < ARMOR_COLUMNS || line.text.endsWith('=')) sawLastLine = true;
      batch.push(decoded);
      if (batch.length === 1024) {
        yield concatBytes(batch);
        batch = [];
      }
    }
    if (batch.length > 0) yield concatBytes(batch);
    // Only whitespace may follow.
    for (;;) {
      const rest = await reader.read(4096);
      if (rest.length === 0) return;
      if (!rest.every(isArmorSpace)) throw armorError('data follows the armor END line');
    }
  } finally {
    await reader.close();
  }
}
