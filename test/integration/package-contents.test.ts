import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../src/core/security/bridge.js';
import { FONTS_FOLDER_NAME } from '../../src/forms/font-loader.js';
import { FONT_FILES } from '../../src/forms/fonts.js';
import { CHROMIUM_ARGS, findChromium } from '../../src/forms/pdf.js';
import { pdfFonts, pdfText } from '../forms/pdf-tools.js';
import { juvenileCase } from '../support/register.js';

/**
 * The packaging check: the desktop app packed exactly as `npm run dist` packs it (electron-builder with
 * electron-builder.yml), but into a folder (`--dir`) and around a stand-in Electron binary (the real one cannot
 * be downloaded here; the stand-in carries Electron's fuse wire, so the fuses are flipped for real). Then:
 * app.asar must hold every file main reads at run time and no development tool; and the packed main, extracted
 * with only the production node_modules electron-builder packed, must run under Node with a stand-in `electron`
 * module and print a form in English and in Urdu, through its own print window, with the embedded fonts.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage: (archive: string, options: object) => string[]; extractAll: (archive: string, dest: string) => void; extractFile: (archive: string, file: string) => Buffer };
const { getCurrentFuseWire } = require('@electron/fuses') as { getCurrentFuseWire: (binary: string) => Promise<Record<string, unknown>> };

/** Electron's fuse wire as a freshly downloaded Electron 39 binary carries it (V1, 8 fuses; '0' off, '1' on). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const STOCK_FUSES = '10110001';
const FUSE_ORDER = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'];

let work: string;
let unpacked: string;
let appAsar: string;
let files: string[];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'childdesk-package-'));
  const electronDist = join(work, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), Buffer.from(FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.from(STOCK_FUSES)]), { mode: 0o755 });
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--config', 'electron-builder.yml',
      '--dir', '--linux', '--x64', '--publish', 'never',
      `-c.electronDist=${electronDist}`,
      // No rebuild of the SQLite driver for Electron's ABI: that needs Electron's headers from the internet.
      '-c.npmRebuild=false',
      `-c.directories.output=${join(work, 'dist')}`,
    ],
    { cwd: root, stdio: 'pipe', env: { ...process.env, ELECTRON_BUILDER_CACHE: join(work, 'cache') } },
  );
  unpacked = join(work, 'dist/linux-unpacked');
  appAsar = join(unpacked, 'resources/app.asar');
  files = asar.listPackage(appAsar, {}).map((file) => file.split('\\').join('/').replace(/^\//, ''));
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Top-level packages in the packed node_modules (`@scope/name` or `name`). */
function packedModules(): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    if (parts[0] !== 'node_modules' || parts.length < 2) continue;
    names.add(parts[1]!.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]!);
  }
  names.delete('@undefined');
  return new Set([...names].filter((name) => !name.endsWith('/undefined')));
}

/** The packages `dependencies` bring in, by the lock file (what `npm ci --omit=dev` would install). */
function productionClosure(): Set<string> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean; name?: string }> };
  const names = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || entry.devOptional) continue;
    names.add(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  }
  return names;
}

describe('the packaged desktop app (electron-builder --dir)', () => {
  it('packs main, its threads, preload and renderer as built, without maps or the build record', () => {
    const mainPath = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }).main;
    expect(files).toContain(mainPath);
    for (const folder of ['out/main', 'out/preload', 'out/renderer']) {
      const built = readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && !entry.name.endsWith('.map') && entry.name !== 'build-info.json')
        .map((entry) => `${folder}/${join(entry.parentPath, entry.name).slice(join(root, folder).length + 1).split('\\').join('/')}`);
      expect(built.length).toBeGreaterThan(0);
      expect(files).toEqual(expect.arrayContaining(built));
    }
    expect(files.filter((file) => file.startsWith('out/') && (file.endsWith('.map') || file.endsWith('build-info.json') || file.startsWith('out/cli')))).toEqual([]);
  });

  it('carries the print fonts and every migration beside main, and the renderer\'s assets', () => {
    for (const font of FONT_FILES) expect(files).toContain(`out/main/${FONTS_FOLDER_NAME}/${font.file}`);
    const journal = JSON.parse(asar.extractFile(appAsar, 'out/main/migrations/meta/_journal.json').toString('utf8')) as { entries: Array<{ tag: string }> };
    expect(journal.entries.length).toBeGreaterThan(0);
    for (const { tag } of journal.entries) expect(files).toContain(`out/main/migrations/${tag}.sql`);
    const index = asar.extractFile(appAsar, 'out/renderer/index.html').toString('utf8');
    const assets = [...index.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => `out/renderer/${m[1]}`);
    expect(assets.length).toBeGreaterThan(0);
    expect(files).toEqual(expect.arrayContaining(assets));
  });

  it('packs only the production dependencies, with the native driver outside the archive', () => {
    const modules = packedModules();
    expect(modules).toContain('better-sqlite3');
    expect(modules).toContain('electron-updater');
    const production = productionClosure();
    expect([...modules].filter((name) => !production.has(name))).toEqual([]);
    for (const tool of ['playwright-core', 'playwright', '@playwright/test', 'tsx', 'esbuild', 'vite', 'vitest', 'rolldown', 'electron', 'electron-builder', 'typescript', 'eslint', '@fontsource/noto-sans', 'react', 'zod']) {
      expect(modules).not.toContain(tool);
    }
    const native = readdirSync(join(unpacked, 'resources/app.asar.unpacked'), { recursive: true }).map(String).filter((file) => file.endsWith('.node'));
    expect(native.some((file) => file.endsWith('better_sqlite3.node'))).toBe(true);
  });

  it('main\'s bundles import nothing but Node, electron, the native driver, electron-updater and each other', () => {
    const allowed = /^(node:|electron$|electron-updater$|better-sqlite3$|\.\.?\/)/;
    const builtins = new Set(require('node:module').builtinModules as string[]);
    for (const file of files.filter((f) => f.startsWith('out/main/') && f.endsWith('.js'))) {
      const code = asar.extractFile(appAsar, file).toString('utf8');
      const specifiers = [...code.matchAll(/^\s*import\s[^;]*?\bfrom\s*["']([^"'\s]+)["']|^\s*import\s*["']([^"'\s]+)["']|\bimport\(\s*["']([^"'\s]+)["']\s*\)|\brequire\(\s*["']([^"'\s]+)["']\s*\)/gm)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!);
      expect(specifiers.filter((s) => !allowed.test(s) && !builtins.has(s)), file).toEqual([]);
      expect(code, file).not.toMatch(/playwright-core|from ["']vitest|@playwright\/test/);
    }
  });

  it('flips the fuses electron-builder.yml sets in the packed binary', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'child-help-desk'));
    const config = (require('js-yaml') as { load: (text: string) => { electronFuses: Record<string, boolean> } }).load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).electronFuses;
    for (const [index, name] of FUSE_ORDER.entries()) {
      if (config[name] === undefined) continue;
      expect([name, wire[index]]).toEqual([name, config[name] ? 49 : 48]); // '1' / '0'
    }
  });
});

describe('the packed main, run under Node with only what the package holds', () => {
  let report: { steps: Array<{ name: string } & Record<string, unknown>>; error?: string };
  let out: string;
  const stepOf = (name: string) => report.steps.find((s) => s.name === name) ?? {};

  beforeAll(() => {
    const app = join(work, 'app');
    asar.extractAll(appAsar, app);
    // Electron provides `electron` to the app; here the stand-in does, where Node resolves it from the app.
    mkdirSync(join(app, 'node_modules/electron'), { recursive: true });
    writeFileSync(join(app, 'node_modules/electron/package.json'), JSON.stringify({ name: 'electron', main: 'index.mjs' }));
    copyFileSync(join(root, 'test/support/packaged-app/electron-stand-in.mjs'), join(app, 'node_modules/electron/index.mjs'));
    out = join(work, 'printed');
    mkdirSync(out);
    const spec = {
      appDir: app,
      userData: join(work, 'user-data'),
      outDir: out,
      channel: IPC_CHANNEL,
      caseInput: juvenileCase(),
      chromium: { playwright: require.resolve('playwright-core'), executablePath: findChromium(), args: CHROMIUM_ARGS },
    };
    mkdirSync(spec.userData);
    // Run from the extracted app, far from this repository's node_modules: nothing can be found there by accident.
    const output = execFileSync(process.execPath, [join(root, 'test/support/packaged-app/drive.mjs'), JSON.stringify(spec)], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: work } });
    report = JSON.parse(output.trim().split('\n').at(-1)!);
  }, 120_000);

  it('opens a register, reads its migrations and adds a case', () => {
    expect(report.error).toBeUndefined();
    expect(stepOf('setup')).toMatchObject({ ok: true });
    expect(stepOf('case')).toMatchObject({ caseNumber: expect.stringMatching(/^QTA01-\d{4}-0001$/) });
  });

  it('renders the form with its five fonts embedded, in English and in Urdu (right to left)', () => {
    expect(stepOf('html-en')).toMatchObject({ embeddedFonts: FONT_FILES.length, dir: 'ltr' });
    expect(stepOf('html-ur')).toMatchObject({ embeddedFonts: FONT_FILES.length, dir: 'rtl' });
  });

  it('saves both as PDF (save dialog, then its own hidden print window), owner-only, with Noto Sans and Noto Nastaliq Urdu embedded', () => {
    const en = stepOf('pdf-en') as { file: string; pages: number };
    const ur = stepOf('pdf-ur') as { file: string; pages: number };
    expect(en.pages).toBeGreaterThanOrEqual(1);
    expect(ur.pages).toBeGreaterThanOrEqual(1);
    expect(existsSync(en.file) && existsSync(ur.file)).toBe(true);
    expect(statSync(en.file).mode & 0o777).toBe(0o600);
    expect(pdfFonts(en.file).join(' ')).toMatch(/NotoSans/);
    expect(pdfFonts(ur.file).join(' ')).toMatch(/NotoNastaliqUrdu/);
    expect(pdfText(en.file)).toMatch(/QTA01-\d{4}-0001/);
    expect(stepOf('print-windows')).toMatchObject({ made: 2, allDestroyed: true });
  });
});
