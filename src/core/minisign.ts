import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { base64 } from '@scure/base';

/**
 * The one minisign implementation (https://jedisct1.github.io/minisign/): Ed25519 public keys and signatures in
 * minisign's format, so anyone can check a bundle's manifest with `minisign -V -P <key> -m manifest.json`, and the
 * province signs app updates with the stock tool (src/core/update-signature.ts decides about those). Pure: no
 * Node, so the update check in main and the bundles share it; src/bundle/minisign.ts adds streams and fingerprints.
 *
 * Public key: `untrusted comment: ...` line, then base64("Ed" || key id (8 bytes) || Ed25519 public key (32)).
 * Signature:  `untrusted comment: ...`, base64("ED" || key id || Ed25519 signature of BLAKE2b-512(message)),
 *             `trusted comment: <text>`, base64(Ed25519 signature of (signature || trusted comment bytes)).
 * We always sign prehashed ("ED"), so large files are hashed as a stream; legacy "Ed" signatures (over the raw
 * message) from `minisign -S -l` verify only when the whole message is given.
 *
 * Key ids are 8 raw bytes. This codebase writes them as 16 lowercase hex digits in file order (`keyIdToHex`);
 * minisign itself prints them byte-reversed in uppercase (`minisignKeyIdText`), e.g. in "minisign public key
 * E7620F1842B4E81F". Secret keys are raw: the 32-byte Ed25519 seed (or libsodium's 64-byte seed || public key);
 * there is no password-protected minisign secret key file, the key lives in the encrypted register.
 */

export type SignatureErrorKind = 'malformed' | 'key-mismatch' | 'bad-signature' | 'bad-global-signature';

export class SignatureError extends Error {
  override readonly name = 'SignatureError';
  constructor(
    readonly kind: SignatureErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextEncoder();

/** Constant-time comparison of two byte strings (the length is not secret). */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** Canonical, padded base64 (minisign's); anything else (bad padding or trailing bits, whitespace) is null. */
function decodeBase64(text: string): Uint8Array | null {
  try {
    return base64.decode(text);
  } catch {
    return null;
  }
}

const PUBLIC_KEY_ALG = 'Ed';
const SIG_ALG_PREHASHED = 'ED';
const SIG_ALG_LEGACY = 'Ed';
const UNTRUSTED_PREFIX = 'untrusted comment: ';
const TRUSTED_PREFIX = 'trusted comment: ';
const KEY_ID_SIZE = 8;
/** minisign's own limits on comment lines. */
const MAX_UNTRUSTED_COMMENT = 1024 - UNTRUSTED_PREFIX.length - 2;
const MAX_TRUSTED_COMMENT = 8192 - TRUSTED_PREFIX.length - 2;
const MAX_SIGNATURE_TEXT = 16 * 1024;

export type PublicKey = {
  /** 8-byte key id. */
  readonly keyId: Uint8Array;
  /** 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
};

export type SigningKey = PublicKey & {
  /** 32-byte Ed25519 secret seed. */
  readonly secretKey: Uint8Array;
};

// ---------------------------------------------------------------------------------------------------------------
// Keys and key ids

/** A fresh Ed25519 key pair with a random 8-byte key id, as `minisign -G` makes them. */
export function generateSigningKey(): SigningKey {
  const secretKey = ed25519.utils.randomSecretKey();
  return { keyId: randomBytes(KEY_ID_SIZE), publicKey: ed25519.getPublicKey(secretKey), secretKey };
}

/** The public half of a 32-byte seed (or of a 64-byte seed || public key, after checking they match). */
export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(seedOf(secretKey));
}

function seedOf(secretKey: Uint8Array): Uint8Array {
  if (secretKey.length === 32) return secretKey;
  if (secretKey.length === 64) {
    const seed = secretKey.subarray(0, 32);
    if (!equalBytes(ed25519.getPublicKey(seed), secretKey.subarray(32))) throw new TypeError('the 64-byte secret key does not end with its own public key');
    return seed;
  }
  throw new TypeError('an Ed25519 secret key is 32 bytes (or 64 with the public key appended)');
}

/** A key id as this codebase stores it: 16 lowercase hex digits, bytes in file order. */
export function keyIdToHex(keyId: Uint8Array): string {
  checkKeyId(keyId);
  return bytesToHex(keyId);
}

/** Inverse of `keyIdToHex` (accepts either case). */
export function keyIdFromHex(hex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{16}$/.test(hex)) throw new TypeError('a key id is 16 hex digits');
  return hexToBytes(hex.toLowerCase());
}

/** The key id as the minisign tool prints it: the 8 bytes read as a little-endian integer, uppercase hex. */
export function minisignKeyIdText(keyId: Uint8Array): string {
  checkKeyId(keyId);
  // minisign prints the id with printf("%" PRIX64), so without leading zeros: match it, or a person comparing
  // our comment line with the tool's sees two different ids for one key in every sixteenth key.
  return bytesToHex(Uint8Array.from(keyId).reverse()).toUpperCase().replace(/^0+(?=.)/, '');
}

function checkKeyId(keyId: Uint8Array): void {
  if (keyId.length !== KEY_ID_SIZE) throw new TypeError('a key id is 8 bytes');
}

function toKeyId(keyId: Uint8Array | string): Uint8Array {
  if (typeof keyId === 'string') return keyIdFromHex(keyId);
  checkKeyId(keyId);
  return keyId;
}

// ---------------------------------------------------------------------------------------------------------------
// Public key files

/** The base64 line of a public key, as `minisign -P` takes it. */
export function publicKeyBase64(key: PublicKey): string {
  checkKeyId(key.keyId);
  if (key.publicKey.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  return base64.encode(concatBytes(utf8.encode(PUBLIC_KEY_ALG), key.keyId, key.publicKey));
}

/** A minisign public key file (`minisign.pub`), with a trailing newline. */
export function formatPublicKey(key: PublicKey, untrustedComment = `minisign public key ${minisignKeyIdText(key.keyId)}`): string {
  checkComment(untrustedComment, MAX_UNTRUSTED_COMMENT, 'untrusted comment');
  return `${UNTRUSTED_PREFIX}${untrustedComment}\n${publicKeyBase64(key)}\n`;
}

/**
 * Reads a public key file, or just its base64 line (what `minisign -P` takes). Throws `SignatureError`
 * (`malformed`).
 */
export function parsePublicKey(text: string): PublicKey {
  const lines = splitLines(text).filter((line) => line.trim() !== '');
  let line: string | undefined;
  if (lines.length === 1) line = lines[0];
  else if (lines.length === 2 && lines[0]!.startsWith(UNTRUSTED_PREFIX)) line = lines[1];
  const bytes = line === undefined ? null : decodeBase64(line);
  if (!bytes || bytes.length !== 2 + KEY_ID_SIZE + 32 || String.fromCharCode(bytes[0] as number, bytes[1] as number) !== PUBLIC_KEY_ALG) {
    throw new SignatureError('malformed', 'not a minisign Ed25519 public key');
  }
  return { keyId: bytes.slice(2, 2 + KEY_ID_SIZE), publicKey: bytes.slice(2 + KEY_ID_SIZE) };
}

// ---------------------------------------------------------------------------------------------------------------
// Prehashing

export type Prehasher = {
  update(chunk: Uint8Array): Prehasher;
  /** The 64-byte BLAKE2b-512 digest; the prehasher cannot be used afterwards. */
  digest(): Uint8Array;
};

/** Incremental BLAKE2b-512, the prehash minisign signs, so a large file need not be held in memory. */
export function createPrehasher(): Prehasher {
  const hash = blake2b.create({ dkLen: 64 });
  const prehasher: Prehasher = {
    update(chunk) {
      hash.update(chunk);
      return prehasher;
    },
    digest: () => hash.digest(),
  };
  return prehasher;
}

/** What is signed or verified: the message bytes, or its BLAKE2b-512 prehash (from `createPrehasher`/`prehash`). */
export type MessageInput = Uint8Array | { readonly prehash: Uint8Array };

function digestOf(message: MessageInput): Uint8Array {
  if (message instanceof Uint8Array) return blake2b(message, { dkLen: 64 });
  if (message.prehash.length !== 64) throw new TypeError('a minisign prehash is a 64-byte BLAKE2b-512 digest');
  return message.prehash;
}

// ---------------------------------------------------------------------------------------------------------------
// Signatures

function checkComment(comment: string, max: number, what: string): void {
  if (/[\r\n]/.test(comment)) throw new TypeError(`a ${what} is one line`);
  if (utf8.encode(comment).length > max) throw new TypeError(`the ${what} is too long`);
}

export type SignOptions = {
  /** Defaults to "signature from minisign secret key", as minisign writes. */
  untrustedComment?: string;
};

/**
 * Signs a message (or its prehash) and returns the `.minisig` file text, with a trailing newline. `keyId` is the
 * 8 bytes or their 16-hex-digit file-order form (`keyIdToHex`). The trusted comment is one line of UTF-8 and is
 * covered by the global signature.
 */
export function sign(message: MessageInput, secretKey: Uint8Array, keyId: Uint8Array | string, trustedComment: string, options: SignOptions = {}): string {
  const untrustedComment = options.untrustedComment ?? 'signature from minisign secret key';
  checkComment(untrustedComment, MAX_UNTRUSTED_COMMENT, 'untrusted comment');
  checkComment(trustedComment, MAX_TRUSTED_COMMENT, 'trusted comment');
  const seed = seedOf(secretKey);
  const signature = ed25519.sign(digestOf(message), seed);
  const globalSignature = ed25519.sign(concatBytes(signature, utf8.encode(trustedComment)), seed);
  const signatureLine = base64.encode(concatBytes(utf8.encode(SIG_ALG_PREHASHED), toKeyId(keyId), signature));
  return `${UNTRUSTED_PREFIX}${untrustedComment}\n${signatureLine}\n${TRUSTED_PREFIX}${trustedComment}\n${base64.encode(globalSignature)}\n`;
}

export type ParsedSignature = {
  /** "ED" (prehashed, what we write) or "Ed" (legacy). */
  readonly algorithm: 'ED' | 'Ed';
  readonly keyId: Uint8Array;
  readonly signature: Uint8Array;
  readonly untrustedComment: string;
  readonly trustedComment: string;
  readonly globalSignature: Uint8Array;
};

/** Lines without their endings (LF or CRLF: a file copied through a Windows editor), after any byte-order mark. */
function splitLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Parses `.minisig` text strictly (four lines, optional final newline). Throws `SignatureError` (`malformed`). */
export function parseSignature(text: string): ParsedSignature {
  const malformed = (why: string): SignatureError => new SignatureError('malformed', `not a minisign signature: ${why}`);
  if (text.length > MAX_SIGNATURE_TEXT) throw malformed('too long');
  const lines = splitLines(text);
  if (lines.length !== 4) throw malformed('it must have exactly four lines');
  const [untrusted, signatureLine, trusted, globalLine] = lines as [string, string, string, string];
  if (!untrusted.startsWith(UNTRUSTED_PREFIX)) throw malformed('the first line is not an untrusted comment');
  if (!trusted.startsWith(TRUSTED_PREFIX)) throw malformed('the third line is not a trusted comment');
  const packed = decodeBase64(signatureLine);
  if (!packed || packed.length !== 2 + KEY_ID_SIZE + 64) throw malformed('the signature line is not 74 bytes of base64');
  const algorithm = String.fromCharCode(packed[0] as number, packed[1] as number);
  if (algorithm !== SIG_ALG_PREHASHED && algorithm !== SIG_ALG_LEGACY) throw malformed(`unknown signature algorithm`);
  const globalSignature = decodeBase64(globalLine);
  if (!globalSignature || globalSignature.length !== 64) throw malformed('the global signature is not 64 bytes of base64');
  return {
    algorithm,
    keyId: packed.slice(2, 2 + KEY_ID_SIZE),
    signature: packed.slice(2 + KEY_ID_SIZE),
    untrustedComment: untrusted.slice(UNTRUSTED_PREFIX.length),
    trustedComment: trusted.slice(TRUSTED_PREFIX.length),
    globalSignature,
  };
}

/**
 * Verifies `.minisig` text against a public key (parsed, or key file text / base64 line) and the message (bytes,
 * or `{ prehash }`). Returns the trusted comment, which is only meaningful after this succeeded. Throws
 * `SignatureError`: `malformed` (unparsable, or a legacy signature with only a prehash), `key-mismatch` (made by
 * another key id), `bad-signature` (the message or its signature was altered, or another key with the same id),
 * `bad-global-signature` (the trusted comment was altered).
 */
export function verify(signatureText: string, publicKey: PublicKey | string, message: MessageInput): { trustedComment: string; untrustedComment: string; keyId: Uint8Array } {
  const key = typeof publicKey === 'string' ? parsePublicKey(publicKey) : publicKey;
  const parsed = parseSignature(signatureText);
  if (!equalBytes(parsed.keyId, key.keyId)) {
    throw new SignatureError('key-mismatch', `signed by key ${minisignKeyIdText(parsed.keyId)}, not ${minisignKeyIdText(key.keyId)}`);
  }
  let signed: Uint8Array;
  if (parsed.algorithm === SIG_ALG_PREHASHED) {
    signed = digestOf(message);
  } else {
    if (!(message instanceof Uint8Array)) throw new SignatureError('malformed', 'a legacy (non-prehashed) signature needs the whole message');
    signed = message;
  }
  if (!edVerify(parsed.signature, signed, key.publicKey)) throw new SignatureError('bad-signature', 'the signature does not match the message');
  const trustedBytes = utf8.encode(parsed.trustedComment);
  if (!edVerify(parsed.globalSignature, concatBytes(parsed.signature, trustedBytes), key.publicKey)) {
    throw new SignatureError('bad-global-signature', 'the trusted comment was altered');
  }
  return { trustedComment: parsed.trustedComment, untrustedComment: parsed.untrustedComment, keyId: parsed.keyId };
}

/** Strict RFC 8032 verification (no ZIP-215 leniency), like libsodium's that minisign uses. */
function edVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
