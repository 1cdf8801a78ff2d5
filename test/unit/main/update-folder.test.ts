import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatPublicKey, sign } from '../../../src/core/minisign.js';
import { digestFile } from '../../../src/main/file-digest.js';
import { prepareUpdateFromFolder } from '../../../src/main/update-folder.js';

const fixture = (name: string) => readFileSync(new URL(`../security/fixtures/${name}`, import.meta.url));
const INSTALLER = 'child-help-desk-setup-0.2.0.exe';

let root: string;
let stick: string;
let staging: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'childdesk-usb-'));
  stick = join(root, 'stick');
  staging = join(root, 'staging');
  mkdirSync(stick);
  mkdirSync(staging);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('base64');

function latestYml(name: string, bytes: Uint8Array, version = '0.2.0'): string {
  return `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512(bytes)}\n    size: ${bytes.length}\npath: ${name}\nsha512: ${sha512(bytes)}\nreleaseDate: '2026-12-01T08:00:00.000Z'\n`;
}

function newKey() {
  const secretKey = ed25519.utils.randomSecretKey();
  const keyId = ed25519.utils.randomSecretKey().slice(0, 8);
  return { secretKey, keyId, publicKeyText: formatPublicKey({ keyId, publicKey: ed25519.getPublicKey(secretKey) }) };
}

/** A release folder as the province copies it: latest.yml, the installer, its .minisig. */
function release(options: { bytes?: Uint8Array; version?: string; signedVersion?: string; key?: ReturnType<typeof newKey> } = {}) {
  const key = options.key ?? newKey();
  const bytes = options.bytes ?? new TextEncoder().encode('MZ... a Windows installer');
  writeFileSync(join(stick, INSTALLER), bytes);
  writeFileSync(join(stick, 'latest.yml'), latestYml(INSTALLER, bytes, options.version));
  const signature = sign({ prehash: blake2b(bytes, { dkLen: 64 }) }, key.secretKey, key.keyId, `childdesk-update version=${options.signedVersion ?? options.version ?? '0.2.0'}`);
  writeFileSync(join(stick, `${INSTALLER}.minisig`), signature);
  return { key, bytes };
}

const prepare = (publicKeyText: string, overrides: Partial<Parameters<typeof prepareUpdateFromFolder>[0]> = {}) =>
  prepareUpdateFromFolder({ folder: stick, platform: 'win32', currentVersion: '0.1.0', publicKeyText, stagingRoot: staging, ...overrides });

describe('update from a USB stick', () => {
  it('accepts a release signed with the stock minisign tool, and checks a private copy', async () => {
    const bytes = fixture('installer.bin');
    writeFileSync(join(stick, INSTALLER), bytes);
    writeFileSync(join(stick, `${INSTALLER}.minisig`), fixture('installer.bin.minisig'));
    writeFileSync(join(stick, 'latest.yml'), latestYml(INSTALLER, bytes));
    const prepared = await prepare(fixture('test.pub').toString('utf8'));
    expect(prepared).toMatchObject({ ok: true, version: '0.2.0', trustedComment: 'childdesk-update version=0.2.0' });
    if (!prepared.ok) return;
    expect(prepared.installer.startsWith(staging)).toBe(true);
    expect(readFileSync(prepared.installer)).toEqual(bytes);
  });

  it('accepts a release signed by the embedded key', async () => {
    const { key } = release();
    expect((await prepare(key.publicKeyText)).ok).toBe(true);
  });

  it('takes the AppImage or deb on Linux', async () => {
    const key = newKey();
    const bytes = new TextEncoder().encode('ELF... an AppImage');
    const name = 'child-help-desk-0.2.0-x86_64.AppImage';
    writeFileSync(join(stick, name), bytes);
    writeFileSync(join(stick, 'latest-linux.yml'), latestYml(name, bytes));
    writeFileSync(join(stick, `${name}.minisig`), sign({ prehash: blake2b(bytes, { dkLen: 64 }) }, key.secretKey, key.keyId, 'childdesk-update version=0.2.0'));
    expect(await prepare(key.publicKeyText, { platform: 'linux', preferredExtension: '.AppImage' })).toMatchObject({ ok: true });
  });

  it('refuses a release signed by another key', async () => {
    release();
    expect(await prepare(newKey().publicKeyText)).toEqual({ ok: false, reason: 'WRONG_KEY' });
  });

  it('refuses an installer changed after signing (latest.yml rewritten to match)', async () => {
    const { key } = release();
    const evil = new TextEncoder().encode('MZ... something else');
    writeFileSync(join(stick, INSTALLER), evil);
    writeFileSync(join(stick, 'latest.yml'), latestYml(INSTALLER, evil));
    expect(await prepare(key.publicKeyText)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('calls an installer that does not match latest.yml a damaged copy', async () => {
    const { key } = release();
    writeFileSync(join(stick, INSTALLER), 'MZ... cut short');
    expect(await prepare(key.publicKeyText)).toEqual({ ok: false, reason: 'DAMAGED_COPY' });
  });

  it('refuses an old signed installer relabelled as a new version', async () => {
    const { key } = release({ version: '0.3.0', signedVersion: '0.2.0' });
    expect(await prepare(key.publicKeyText)).toEqual({ ok: false, reason: 'VERSION_MISMATCH' });
  });

  it('refuses a version that is not newer', async () => {
    const { key } = release({ version: '0.1.0' });
    expect(await prepare(key.publicKeyText)).toEqual({ ok: false, reason: 'NOT_NEWER' });
  });

  it('refuses without a signature file', async () => {
    const { key } = release();
    rmSync(join(stick, `${INSTALLER}.minisig`));
    expect(await prepare(key.publicKeyText)).toEqual({ ok: false, reason: 'MALFORMED_SIGNATURE' });
  });

  it('refuses everything when the build has no update key (the placeholder)', async () => {
    release();
    const placeholder = readFileSync(new URL('../../../resources/update-public-key.pub', import.meta.url), 'utf8');
    expect(await prepare(placeholder)).toEqual({ ok: false, reason: 'NO_UPDATE_KEY' });
  });

  it('finds nothing in a folder without latest.yml, or with a name that leaves the folder', async () => {
    const { key } = release();
    rmSync(join(stick, 'latest.yml'));
    expect(await prepare(key.publicKeyText)).toEqual({ ok: false, reason: 'NO_INSTALLER' });
    writeFileSync(join(root, 'outside.exe'), 'MZ');
    writeFileSync(join(stick, 'latest.yml'), 'version: 0.2.0\nfiles:\n  - url: ../outside.exe\n');
    expect(await prepare(key.publicKeyText)).toEqual({ ok: false, reason: 'NO_INSTALLER' });
  });

  it('does not follow a symbolic link in place of the installer', async () => {
    const { key, bytes } = release();
    writeFileSync(join(root, 'elsewhere.exe'), bytes);
    rmSync(join(stick, INSTALLER));
    symlinkSync(join(root, 'elsewhere.exe'), join(stick, INSTALLER));
    expect(await prepare(key.publicKeyText)).toEqual({ ok: false, reason: 'NO_INSTALLER' });
  });

  it('leaves nothing behind in the staging folder after a refusal', async () => {
    release();
    await prepare(newKey().publicKeyText);
    expect(readdirSync(staging)).toEqual([]);
    expect(existsSync(join(stick, INSTALLER))).toBe(true);
  });
});

describe('hashing an installer in chunks', () => {
  it('gives the same digests as hashing it whole, across chunk boundaries', async () => {
    const bytes = new Uint8Array(3 * (1 << 20) + 12345).map((_, i) => (i * 31) & 0xff);
    const file = join(root, 'big.bin');
    writeFileSync(file, bytes);
    const digests = await digestFile(file);
    expect(digests.size).toBe(bytes.length);
    expect(digests.sha512Base64).toBe(sha512(bytes));
    expect(Buffer.from(digests.blake2b512)).toEqual(Buffer.from(blake2b(bytes, { dkLen: 64 })));
  });
});
