import { describe, expect, it } from 'vitest';
import {
  feedUrlFromAppUpdateConfig,
  isPlainFileName,
  manifestNameFor,
  parseUpdateManifest,
  pickInstaller,
  signatureUrlFor,
} from '../../../src/core/security/update-manifest.js';

const SHA = `${'A'.repeat(85)}w==`;

// The shape electron-builder 26 writes (js-yaml dump, lineWidth 8000).
const LATEST_YML = `version: 0.2.0
files:
  - url: child-help-desk-setup-0.2.0.exe
    sha512: ${SHA}
    size: 98765432
path: child-help-desk-setup-0.2.0.exe
sha512: ${SHA}
releaseDate: '2026-12-01T08:00:00.000Z'
`;

const LATEST_LINUX_YML = `version: 0.2.0
files:
  - url: child-help-desk-0.2.0-x86_64.AppImage
    sha512: ${SHA}
    size: 120000000
    blockMapSize: 12345
  - url: child-help-desk_0.2.0_amd64.deb
    sha512: ${SHA}
    size: 80000000
path: child-help-desk-0.2.0-x86_64.AppImage
sha512: ${SHA}
releaseDate: '2026-12-01T08:00:00.000Z'
`;

describe('latest.yml', () => {
  it('reads version and files as electron-builder writes them', () => {
    expect(parseUpdateManifest(LATEST_YML)).toEqual({
      version: '0.2.0',
      files: [{ url: 'child-help-desk-setup-0.2.0.exe', sha512: SHA, size: 98765432 }],
      path: 'child-help-desk-setup-0.2.0.exe',
      sha512: SHA,
    });
  });

  it('reads quoted values and Windows line endings', () => {
    const quoted = LATEST_YML.replace('version: 0.2.0', "version: '0.2.0'").replace(/\n/g, '\r\n');
    expect(parseUpdateManifest(quoted)?.version).toBe('0.2.0');
  });

  it('falls back to the old top-level path when there is no files list', () => {
    expect(parseUpdateManifest(`version: 0.2.0\npath: setup.exe\nsha512: ${SHA}\n`)?.files).toEqual([{ url: 'setup.exe', sha512: SHA, size: null }]);
  });

  it('refuses a file without a version or an installer', () => {
    expect(parseUpdateManifest('files:\n  - url: a.exe\n')).toBeNull();
    expect(parseUpdateManifest('version: 0.2.0\n')).toBeNull();
    expect(parseUpdateManifest('')).toBeNull();
  });

  it('drops a malformed sha512 or size instead of trusting it', () => {
    const odd = LATEST_YML.replace(`    sha512: ${SHA}`, '    sha512: not-a-hash').replace('size: 98765432', 'size: -1');
    expect(parseUpdateManifest(odd)?.files[0]).toEqual({ url: 'child-help-desk-setup-0.2.0.exe', sha512: null, size: null });
  });

  it('names the manifest per platform', () => {
    expect(manifestNameFor('win32')).toBe('latest.yml');
    expect(manifestNameFor('linux')).toBe('latest-linux.yml');
    expect(manifestNameFor('darwin')).toBeNull();
  });
});

describe('choosing the installer for this PC', () => {
  it('takes the .exe on Windows', () => {
    expect(pickInstaller(parseUpdateManifest(LATEST_YML)!, 'win32')?.url).toBe('child-help-desk-setup-0.2.0.exe');
    expect(pickInstaller(parseUpdateManifest(LATEST_LINUX_YML)!, 'win32')).toBeNull();
  });

  it('takes the AppImage on Linux, or the deb when the app came from a deb', () => {
    const manifest = parseUpdateManifest(LATEST_LINUX_YML)!;
    expect(pickInstaller(manifest, 'linux')?.url).toBe('child-help-desk-0.2.0-x86_64.AppImage');
    expect(pickInstaller(manifest, 'linux', '.deb')?.url).toBe('child-help-desk_0.2.0_amd64.deb');
    expect(pickInstaller(manifest, 'darwin')).toBeNull();
  });

  it('never takes a name that leaves the update folder', () => {
    for (const url of ['../setup.exe', '..\\..\\Windows\\setup.exe', 'C:\\setup.exe', '/tmp/setup.exe', 'sub/setup.exe', '.setup.exe', 'setup.exe:stream.exe', 'CON.exe', 'nul.exe']) {
      expect(pickInstaller(parseUpdateManifest(`version: 0.2.0\nfiles:\n  - url: ${url}\n`)!, 'win32')).toBeNull();
      expect(isPlainFileName(url)).toBe(false);
    }
    expect(isPlainFileName('child-help-desk-setup-0.2.0.exe')).toBe(true);
    expect(isPlainFileName('Child Help Desk Setup 0.2.0.exe')).toBe(true);
    expect(isPlainFileName('a\u0000.exe')).toBe(false);
  });
});

describe('the update server and signature URLs', () => {
  it('reads the generic feed electron-builder writes into app-update.yml', () => {
    const yml = 'owner: x\nprovider: generic\nurl: https://updates.example.pk/child-help-desk\nupdaterCacheDirName: child-help-desk-updater\n';
    expect(feedUrlFromAppUpdateConfig(yml)).toBe('https://updates.example.pk/child-help-desk/');
    expect(feedUrlFromAppUpdateConfig("provider: generic\nurl: 'http://10.0.0.5/updates/'\n")).toBe('http://10.0.0.5/updates/');
  });

  it('refuses feeds that are not a plain web folder', () => {
    expect(feedUrlFromAppUpdateConfig('provider: github\nurl: https://x/\n')).toBeNull();
    expect(feedUrlFromAppUpdateConfig('provider: generic\nurl: file:///C:/updates/\n')).toBeNull();
    expect(feedUrlFromAppUpdateConfig('provider: generic\nurl: https://user:pw@x/\n')).toBeNull();
    expect(feedUrlFromAppUpdateConfig('provider: generic\n')).toBeNull();
  });

  it('puts the signature beside the installer on the feed', () => {
    const feed = 'https://updates.example.pk/child-help-desk/';
    expect(signatureUrlFor(feed, 'child-help-desk-setup-0.2.0.exe')).toBe('https://updates.example.pk/child-help-desk/child-help-desk-setup-0.2.0.exe.minisig');
    expect(signatureUrlFor(feed, 'Child%20Help%20Desk%20Setup.exe')).toBe('https://updates.example.pk/child-help-desk/Child%20Help%20Desk%20Setup.exe.minisig');
  });

  it('never fetches a signature from elsewhere than the feed folder', () => {
    const feed = 'https://updates.example.pk/child-help-desk/';
    expect(signatureUrlFor(feed, 'https://evil.example/setup.exe')).toBeNull();
    expect(signatureUrlFor(feed, '//evil.example/setup.exe')).toBeNull();
    expect(signatureUrlFor(feed, '../other/setup.exe')).toBeNull();
    expect(signatureUrlFor(feed, '/setup.exe')).toBeNull();
  });
});
