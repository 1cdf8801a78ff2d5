import { createHash, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SignatureError,
  createPrehasher,
  fingerprint,
  formatPublicKey,
  generateSigningKey,
  keyIdFromHex,
  keyIdToHex,
  minisignKeyIdText,
  parsePublicKey,
  parseSignature,
  prehash,
  publicKeyBase64,
  publicKeyOf,
  sign,
  verify,
  type SignatureErrorKind,
} from '../../../src/bundle/minisign.js';

function kindOf(fn: () => unknown): SignatureErrorKind {
  try {
    fn();
  } catch (error) {
    if (error instanceof SignatureError) return error.kind;
    throw error;
  }
  throw new Error('expected a SignatureError, but it succeeded');
}

/** Replaces line `index` of a signature file. */
function withLine(text: string, index: number, replace: (line: string) => string): string {
  const lines = text.split('\n');
  lines[index] = replace(lines[index] as string);
  return lines.join('\n');
}

/** Flips one bit of the decoded bytes of a base64 line, re-encoding canonically. */
function flipInBase64(line: string, byte: number): string {
  const bytes = Buffer.from(line, 'base64');
  bytes[byte] = (bytes[byte] as number) ^ 0x01;
  return bytes.toString('base64');
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The last character before `=` carries unused low bits; setting one gives a non-canonical encoding of the same bytes. */
const setPaddingBit = (char: string): string => BASE64[BASE64.indexOf(char) | 1] as string;

describe('minisign keys', () => {
  it('formats and parses public keys (file and bare line), with minisign-style key ids', () => {
    const key = generateSigningKey();
    expect(key.keyId).toHaveLength(8);
    expect(key.publicKey).toEqual(publicKeyOf(key.secretKey));
    const file = formatPublicKey(key);
    expect(file).toMatch(/^untrusted comment: minisign public key [1-9A-F][0-9A-F]{0,15}\nRW[A-Za-z0-9+/]{54}\n$/);
    expect(file).toContain(minisignKeyIdText(key.keyId));
    for (const text of [file, publicKeyBase64(key), file.replaceAll('\n', '\r\n')]) {
      const parsed = parsePublicKey(text);
      expect(parsed.keyId).toEqual(key.keyId);
      expect(parsed.publicKey).toEqual(key.publicKey);
    }
    for (const bad of ['', 'RWQ', `${publicKeyBase64(key)}=`, `comment\n${publicKeyBase64(key)}`, Buffer.from('ED' + 'x'.repeat(40)).toString('base64')]) {
      expect(kindOf(() => parsePublicKey(bad))).toBe('malformed');
    }
  });

  it('key ids: file-order hex for this codebase, byte-reversed uppercase as minisign prints', () => {
    const keyId = Uint8Array.from([0x1f, 0xe8, 0xb4, 0x42, 0x18, 0x0f, 0x62, 0xe7]);
    expect(keyIdToHex(keyId)).toBe('1fe8b442180f62e7');
    expect(keyIdFromHex('1FE8B442180F62E7')).toEqual(keyId);
    expect(minisignKeyIdText(keyId)).toBe('E7620F1842B4E81F');
    // Like minisign's printf("%" PRIX64): no leading zeros.
    expect(minisignKeyIdText(Uint8Array.from([0x1a, 0xf0, 0x43, 0x4e, 0xa2, 0x91, 0xa9, 0x0c]))).toBe('CA991A24E43F01A');
    expect(() => keyIdFromHex('1fe8')).toThrow(TypeError);
  });

  it('fingerprints are four groups of four base32 characters of SHA-256(public key)', () => {
    const publicKey = new Uint8Array(32).fill(7);
    const digest = createHash('sha256').update(publicKey).digest().subarray(0, 10);
    // RFC 4648 base32 by hand, independently of the implementation
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = '';
    for (const b of digest) bits += b.toString(2).padStart(8, '0');
    const expected = (bits.match(/.{5}/g) ?? []).map((b) => alphabet[parseInt(b, 2)]).join('');
    expect(fingerprint(publicKey)).toBe(expected.match(/.{4}/g)!.join('-'));
    const key = generateSigningKey();
    expect(fingerprint(key)).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(fingerprint(formatPublicKey(key))).toBe(fingerprint(key.publicKey));
  });
});

describe('minisign signatures', () => {
  const key = generateSigningKey();
  const message = randomBytes(100_000);
  const trusted = 'childdesk bundle station=KHI-01 sequence=7 district=Karachi South';
  const signature = sign(message, key.secretKey, key.keyId, trusted);

  it('round-trips, with the message or its streamed prehash on either side', async () => {
    expect(signature.split('\n')).toHaveLength(5);
    expect(verify(signature, key, message).trustedComment).toBe(trusted);
    const hasher = createPrehasher();
    for (let i = 0; i < message.length; i += 4093) hasher.update(message.subarray(i, i + 4093));
    const digest = hasher.digest();
    expect(verify(signature, key, { prehash: digest }).trustedComment).toBe(trusted);
    expect(await prehash((async function* () { yield message.subarray(0, 10); yield message.subarray(10); })())).toEqual(digest);
    const fromPrehash = sign({ prehash: digest }, key.secretKey, keyIdToHex(key.keyId), trusted);
    expect(verify(fromPrehash, formatPublicKey(key), message).trustedComment).toBe(trusted);
    // Ed25519 is deterministic, so both ways give the same file.
    expect(fromPrehash).toBe(signature);
  });

  it('accepts libsodium-style 64-byte secret keys and rejects inconsistent ones', () => {
    const full = new Uint8Array([...key.secretKey, ...key.publicKey]);
    expect(sign(message, full, key.keyId, trusted)).toBe(signature);
    const wrong = new Uint8Array([...key.secretKey, ...generateSigningKey().publicKey]);
    expect(() => sign(message, wrong, key.keyId, trusted)).toThrow(TypeError);
  });

  it('detects a changed message', () => {
    const changed = Buffer.from(message);
    changed[500] = (changed[500] as number) ^ 1;
    expect(kindOf(() => verify(signature, key, changed))).toBe('bad-signature');
    expect(kindOf(() => verify(signature, key, message.subarray(1)))).toBe('bad-signature');
  });

  it('detects a changed signature, key id, trusted comment or global signature', () => {
    expect(kindOf(() => verify(withLine(signature, 1, (l) => flipInBase64(l, 40)), key, message))).toBe('bad-signature');
    expect(kindOf(() => verify(withLine(signature, 1, (l) => flipInBase64(l, 3)), key, message))).toBe('key-mismatch');
    expect(kindOf(() => verify(withLine(signature, 2, (l) => l.replace('sequence=7', 'sequence=8')), key, message))).toBe('bad-global-signature');
    expect(kindOf(() => verify(withLine(signature, 2, (l) => `${l} `), key, message))).toBe('bad-global-signature');
    expect(kindOf(() => verify(withLine(signature, 3, (l) => flipInBase64(l, 10)), key, message))).toBe('bad-global-signature');
    // the untrusted comment is, as its name says, not covered
    expect(verify(withLine(signature, 0, () => 'untrusted comment: anything'), key, message).untrustedComment).toBe('anything');
  });

  it('tells a different key id (key-mismatch) from another key reusing the id (bad-signature)', () => {
    const other = generateSigningKey();
    expect(kindOf(() => verify(signature, other, message))).toBe('key-mismatch');
    expect(kindOf(() => verify(signature, { keyId: key.keyId, publicKey: other.publicKey }, message))).toBe('bad-signature');
  });

  it('rejects malformed signature files', () => {
    const lines = signature.split('\n');
    const bad = [
      '',
      lines.slice(0, 3).join('\n'),
      `${signature}extra line\n`,
      withLine(signature, 0, (l) => l.replace('untrusted comment: ', 'comment: ')),
      withLine(signature, 2, (l) => l.replace('trusted comment: ', 'trusted: ')),
      withLine(signature, 1, (l) => l.slice(0, -2)),
      withLine(signature, 1, (l) => l.replace(/=+$/, '')), // padding is required
      withLine(signature, 1, (l) => `${l.slice(0, -2)}${setPaddingBit(l.at(-2) as string)}=`), // non-canonical trailing bits
      withLine(signature, 1, (l) => Buffer.concat([Buffer.from('EX'), Buffer.from(l, 'base64').subarray(2)]).toString('base64')),
      withLine(signature, 3, (l) => l.slice(4)),
      withLine(signature, 3, (l) => ` ${l}`),
    ];
    bad.forEach((text, i) => expect(kindOf(() => verify(text, key, message)), `case ${i}`).toBe('malformed'));
    expect(parseSignature(signature.replaceAll('\n', '\r\n')).trustedComment).toBe(trusted);
  });

  it('verifies legacy (non-prehashed) signatures only against the whole message', () => {
    const raw = ed25519.sign(message, key.secretKey);
    const global = ed25519.sign(new Uint8Array([...raw, ...Buffer.from(trusted)]), key.secretKey);
    const legacy = [
      'untrusted comment: legacy',
      Buffer.concat([Buffer.from('Ed'), key.keyId, raw]).toString('base64'),
      `trusted comment: ${trusted}`,
      Buffer.from(global).toString('base64'),
      '',
    ].join('\n');
    expect(verify(legacy, key, message).trustedComment).toBe(trusted);
    expect(kindOf(() => verify(legacy, key, { prehash: createPrehasher().update(message).digest() }))).toBe('malformed');
  });

  it('refuses multi-line comments and bad key material when signing', () => {
    expect(() => sign(message, key.secretKey, key.keyId, 'two\nlines')).toThrow(TypeError);
    expect(() => sign(message, key.secretKey, key.keyId, 'ok', { untrustedComment: 'a\rb' })).toThrow(TypeError);
    expect(() => sign(message, key.secretKey, new Uint8Array(7), 'ok')).toThrow(TypeError);
    expect(() => sign(message, new Uint8Array(31), key.keyId, 'ok')).toThrow(TypeError);
    expect(() => sign({ prehash: new Uint8Array(32) }, key.secretKey, key.keyId, 'ok')).toThrow(TypeError);
  });

  it('keeps UTF-8 trusted comments intact', () => {
    const urdu = 'بچوں کی مدد ڈیسک — station=KHI-01';
    expect(verify(sign(message, key.secretKey, key.keyId, urdu), key, message).trustedComment).toBe(urdu);
  });
});

const hasMinisign = spawnSync('minisign', ['-v']).status === 0;

describe.skipIf(!hasMinisign)('interoperability with the minisign CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minisign-interop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) => {
    const result = spawnSync('minisign', args, { cwd: dir, encoding: 'utf8', input: '' });
    if (result.error) throw result.error;
    return result;
  };

  it('we verify what minisign -S signs (prehashed, and legacy -l against the whole message)', async () => {
    const pk = join(dir, 'cli.pub');
    const sk = join(dir, 'cli.key');
    const keygen = run(['-G', '-W', '-f', '-p', pk, '-s', sk]);
    expect(keygen.status, keygen.stderr).toBe(0);
    const publicKeyText = readFileSync(pk, 'utf8');
    const publicKey = parsePublicKey(publicKeyText);
    expect(publicKeyText).toContain(`minisign public key ${minisignKeyIdText(publicKey.keyId)}`);

    const file = join(dir, 'signed-by-cli.bin');
    const message = randomBytes(300_000);
    writeFileSync(file, message);
    const trusted = 'signed by the minisign tool';
    const signed = run(['-S', '-s', sk, '-m', file, '-t', trusted]);
    expect(signed.status, signed.stderr).toBe(0);
    const signatureText = readFileSync(`${file}.minisig`, 'utf8');
    expect(parseSignature(signatureText).algorithm).toBe('ED');
    expect(verify(signatureText, publicKeyText, message).trustedComment).toBe(trusted);
    expect(verify(signatureText, publicKey, { prehash: await prehash([message]) }).trustedComment).toBe(trusted);
    const altered = Buffer.from(message);
    altered[0] = (altered[0] as number) ^ 1;
    expect(kindOf(() => verify(signatureText, publicKey, altered))).toBe('bad-signature');
    expect(kindOf(() => verify(signatureText.replace(trusted, `${trusted}!`), publicKey, message))).toBe('bad-global-signature');

    const legacySig = join(dir, 'legacy.minisig');
    const legacy = run(['-S', '-l', '-s', sk, '-m', file, '-x', legacySig, '-t', trusted]);
    expect(legacy.status, legacy.stderr).toBe(0);
    const legacyText = readFileSync(legacySig, 'utf8');
    expect(parseSignature(legacyText).algorithm).toBe('Ed');
    expect(verify(legacyText, publicKey, message).trustedComment).toBe(trusted);
  });

  it('minisign -V verifies what we sign (key given with -P and with -p, prehash required with -H)', () => {
    const key = generateSigningKey();
    const pk = join(dir, 'ours.pub');
    writeFileSync(pk, formatPublicKey(key));
    for (const [name, size] of [['small.json', 300], ['large.bin', 3_000_000]] as const) {
      const file = join(dir, name);
      const message = randomBytes(size);
      writeFileSync(file, message);
      const trusted = `childdesk bundle station=KHI-01 sequence=1 file=${name}`;
      const hasher = createPrehasher();
      for (let i = 0; i < message.length; i += 65_536) hasher.update(message.subarray(i, i + 65_536));
      writeFileSync(`${file}.minisig`, sign({ prehash: hasher.digest() }, key.secretKey, key.keyId, trusted));

      const byLine = run(['-V', '-H', '-P', publicKeyBase64(key), '-m', file]);
      expect(byLine.status, byLine.stderr).toBe(0);
      expect(byLine.stdout).toContain(`Trusted comment: ${trusted}`);
      const byFile = run(['-V', '-p', pk, '-m', file]);
      expect(byFile.status, byFile.stderr).toBe(0);

      const altered = Buffer.from(message);
      altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 1;
      writeFileSync(file, altered);
      expect(run(['-V', '-P', publicKeyBase64(key), '-m', file]).status).not.toBe(0);
    }
  });
});
