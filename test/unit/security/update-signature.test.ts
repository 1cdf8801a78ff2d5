import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { describe, expect, it } from 'vitest';
import { formatPublicKey, parseSignature, sign as signMessage } from '../../../src/core/minisign.js';
import { checkUpdate, compareVersions, parseMinisignPublicKey, signedVersion, UPDATE_REFUSAL_TEXT, verifyMinisignDigest } from '../../../src/core/update-signature.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const text = (name: string) => fixture(name).toString('utf8');
const digestOf = (bytes: Uint8Array) => blake2b(bytes, { dkLen: 64 });
/** What the province's `minisign -S` writes: a prehashed (ED) signature over the file's BLAKE2b-512. */
const signDigest = (digest: Uint8Array, secretKey: Uint8Array, keyId: Uint8Array, comment: string) => signMessage({ prehash: digest }, secretKey, keyId, comment);

// Made with the stock minisign 0.11 tool: `minisign -G -W`, then
// `minisign -S -m installer.bin -t "childdesk-update version=0.2.0"` (and `-l` for the legacy signature).
const INSTALLER = fixture('installer.bin');
const PUBLIC_KEY = text('test.pub');
const SIGNATURE = text('installer.bin.minisig');

function newKey() {
  const secretKey = ed25519.utils.randomSecretKey();
  const keyId = ed25519.utils.randomSecretKey().slice(0, 8);
  return { secretKey, keyId, publicKeyText: formatPublicKey({ keyId, publicKey: ed25519.getPublicKey(secretKey) }) };
}

describe('minisign signatures made by the real minisign tool', () => {
  it('verify against the digest of the file, with the trusted comment returned', () => {
    const verdict = verifyMinisignDigest(digestOf(INSTALLER), SIGNATURE, PUBLIC_KEY);
    expect(verdict).toEqual({ ok: true, keyId: '823F947D075D34AD', trustedComment: 'childdesk-update version=0.2.0' });
  });

  it('refuse a file changed by one byte', () => {
    const tampered = Uint8Array.from(INSTALLER);
    tampered[0] = tampered[0]! ^ 1;
    expect(verifyMinisignDigest(digestOf(tampered), SIGNATURE, PUBLIC_KEY)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuse a signature checked against another key', () => {
    expect(verifyMinisignDigest(digestOf(INSTALLER), SIGNATURE, text('other.pub'))).toEqual({ ok: false, reason: 'WRONG_KEY' });
  });

  it('refuse another key that claims our key id (the signature itself does not verify)', () => {
    const ours = parseMinisignPublicKey(PUBLIC_KEY)!;
    const impostor = newKey();
    const forged = formatPublicKey({ keyId: ours.keyId, publicKey: ed25519.getPublicKey(impostor.secretKey) });
    expect(verifyMinisignDigest(digestOf(INSTALLER), SIGNATURE, forged)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuse an edited trusted comment (it is covered by the global signature)', () => {
    const edited = SIGNATURE.replace('version=0.2.0', 'version=9.9.9');
    expect(verifyMinisignDigest(digestOf(INSTALLER), edited, PUBLIC_KEY)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    const trailingSpace = SIGNATURE.replace('version=0.2.0', 'version=0.2.0 ');
    expect(verifyMinisignDigest(digestOf(INSTALLER), trailingSpace, PUBLIC_KEY)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuse the legacy (not pre-hashed) format', () => {
    expect(verifyMinisignDigest(digestOf(INSTALLER), text('installer.bin.legacy.minisig'), PUBLIC_KEY)).toEqual({ ok: false, reason: 'LEGACY_SIGNATURE' });
  });

  it('accept Windows line endings (a .minisig copied through a Windows editor)', () => {
    expect(verifyMinisignDigest(digestOf(INSTALLER), SIGNATURE.replace(/\n/g, '\r\n'), PUBLIC_KEY.replace(/\n/g, '\r\n')).ok).toBe(true);
  });

  it('parse the public key file and the bare key line alike', () => {
    const bare = PUBLIC_KEY.split('\n')[1]!;
    expect(parseMinisignPublicKey(bare)).toEqual(parseMinisignPublicKey(PUBLIC_KEY));
    expect(parseSignature(SIGNATURE).algorithm).toBe('ED');
  });
});

describe('malformed input is refused, never thrown', () => {
  const digest = digestOf(INSTALLER);
  it.each([
    ['empty', ''],
    ['only a comment', 'untrusted comment: x\n'],
    ['garbage base64', 'untrusted comment: x\n!!!!\ntrusted comment: childdesk-update version=0.2.0\nAAAA\n'],
    ['missing trusted comment', SIGNATURE.split('\n').slice(0, 2).join('\n')],
    ['truncated global signature', SIGNATURE.replace(/\n([A-Za-z0-9+/=]+)\n$/, (_m, g: string) => `\n${g.slice(0, 40)}\n`)],
    ['a public key where the signature belongs', PUBLIC_KEY],
  ])('%s signature', (_name, signature) => {
    expect(verifyMinisignDigest(digest, signature, PUBLIC_KEY)).toEqual({ ok: false, reason: 'MALFORMED_SIGNATURE' });
  });

  it.each([
    ['the placeholder file', text('../../../../resources/update-public-key.pub')],
    ['empty', ''],
    ['a signature where the key belongs', SIGNATURE],
    ['a key of the wrong length', 'untrusted comment: x\nRWQAAAA=\n'],
  ])('%s as the public key: updates are off', (_name, key) => {
    expect(verifyMinisignDigest(digest, SIGNATURE, key)).toEqual({ ok: false, reason: 'NO_UPDATE_KEY' });
  });

  it('a digest of the wrong length', () => {
    expect(verifyMinisignDigest(digest.slice(0, 32), SIGNATURE, PUBLIC_KEY)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });
});

describe('the update decision: our key, the version offered, newer than this app', () => {
  const key = newKey();
  const installer = new TextEncoder().encode('an installer');
  const sign = (comment: string, k = key) => signDigest(digestOf(installer), k.secretKey, k.keyId, comment);
  const candidate = (signatureText: string, offeredVersion = '0.2.0', currentVersion = '0.1.0', publicKeyText = key.publicKeyText) => ({
    digest: digestOf(installer),
    signatureText,
    publicKeyText,
    offeredVersion,
    currentVersion,
  });

  it('accepts a signed, newer release', () => {
    expect(checkUpdate(candidate(sign('childdesk-update version=0.2.0')))).toMatchObject({ ok: true, trustedComment: 'childdesk-update version=0.2.0' });
    expect(checkUpdate(candidate(sign('childdesk-update version=0.2.0 file=child-help-desk-setup-0.2.0.exe')))).toMatchObject({ ok: true });
  });

  it('refuses a release signed by another key', () => {
    expect(checkUpdate(candidate(sign('childdesk-update version=0.2.0', newKey())))).toEqual({ ok: false, reason: 'WRONG_KEY' });
  });

  it('refuses an old signed installer offered as a new version (rollback)', () => {
    expect(checkUpdate(candidate(sign('childdesk-update version=0.1.5'), '0.2.0'))).toEqual({ ok: false, reason: 'VERSION_MISMATCH' });
  });

  it('refuses the same or an older version (no downgrade)', () => {
    expect(checkUpdate(candidate(sign('childdesk-update version=0.2.0'), '0.2.0', '0.2.0'))).toEqual({ ok: false, reason: 'NOT_NEWER' });
    expect(checkUpdate(candidate(sign('childdesk-update version=0.2.0'), '0.2.0', '0.3.0'))).toEqual({ ok: false, reason: 'NOT_NEWER' });
  });

  it('refuses a signature whose trusted comment names no version', () => {
    for (const comment of ['timestamp:1700000000\tfile:x.exe\thashed', 'childdesk-update', 'childdesk-update version=latest', 'version=0.2.0']) {
      expect(checkUpdate(candidate(sign(comment)))).toEqual({ ok: false, reason: 'BAD_TRUSTED_COMMENT' });
    }
  });

  it('has a sentence in English and Urdu for every refusal', () => {
    for (const entry of Object.values(UPDATE_REFUSAL_TEXT)) {
      expect(entry.en.length).toBeGreaterThan(20);
      expect(entry.ur).toMatch(/[\u0600-\u06FF]/);
    }
  });
});

describe('versions', () => {
  it.each([
    ['0.2.0', '0.1.9', 1],
    ['0.10.0', '0.9.0', 1],
    ['1.0.0', '1.0.0', 0],
    ['1.0.0+build.7', '1.0.0', 0],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0-rc.2', '1.0.0-rc.10', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-beta', '1.0.0-alpha', 1],
    ['1.0.0-1', '1.0.0-alpha', -1],
  ])('%s vs %s -> %d', (a, b, order) => {
    expect(compareVersions(a, b)).toBe(order);
  });

  it('refuses what is not a version', () => {
    expect(compareVersions('1.0', '1.0.0')).toBeNull();
    expect(compareVersions('01.0.0', '1.0.0')).toBeNull();
    expect(signedVersion('childdesk-update version=1.2')).toBeNull();
    expect(signedVersion('childdesk-update version=1.2.3 file=x')).toBe('1.2.3');
  });
});

// Where the stock tool is installed (Debian: apt install minisign), prove our signer's output is minisign's format.
const minisign = ['/usr/bin/minisign', '/usr/local/bin/minisign'].find((path) => existsSync(path));
describe.skipIf(!minisign)('interoperability with the installed minisign tool', () => {
  it('minisign -V accepts an update signature made by our minisign', () => {
    const dir = mkdtempSync(join(tmpdir(), 'childdesk-minisign-'));
    try {
      const key = newKey();
      const file = join(dir, 'child-help-desk-setup-0.2.0.exe');
      writeFileSync(file, 'installer bytes');
      writeFileSync(`${file}.minisig`, signDigest(digestOf(readFileSync(file)), key.secretKey, key.keyId, 'childdesk-update version=0.2.0'));
      writeFileSync(join(dir, 'key.pub'), key.publicKeyText);
      const out = execFileSync(minisign!, ['-V', '-p', join(dir, 'key.pub'), '-m', file], { encoding: 'utf8' });
      expect(out).toContain('childdesk-update version=0.2.0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
