import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * What can be checked about the desktop packaging without Electron's binary: electron-builder.yml is valid for
 * the installed electron-builder (its own schema validator), sets the fuses and installer options the issue
 * asks for, and the window's security settings are the ones DESIGN.md promises.
 */
const require = createRequire(import.meta.url);
const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

type BuilderConfig = Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  nsis: Record<string, unknown>;
  linux: { target: string[] };
  publish: { provider: string; url: string };
  asarUnpack: string[];
  files: string[];
};
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const config = yaml.load(read('electron-builder.yml')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone(config), electronFuse: {} }, new DebugLogger(false))).rejects.toThrow(/configuration/i);
  });

  it('flips the fuses that keep code and debuggers out of the packaged app', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds a per-machine NSIS installer that asks for the folder, an AppImage and a deb', () => {
    expect(config.productName).toBe('Child Help Desk');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true, deleteAppDataOnUninstall: false });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('ships the built app with the native driver outside the asar, and publishes to a generic (province) server', () => {
    expect(config.files).toContain('out/**');
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
    expect(config.publish.provider).toBe('generic');
  });

  it('points package.json main at the bundle electron-vite writes', () => {
    expect((JSON.parse(read('package.json')) as { main: string }).main).toBe('out/main/index.js');
    const config = read('.config/electron.vite.config.ts');
    expect(config).toContain("entryFileNames: '[name].js'");
    expect(config).toMatch(/entry: \{ index: at\('src\/main\/index.ts'\)/);
  });
});

describe('the window', () => {
  const window = read('src/main/window.ts');
  it.each([
    'contextIsolation: true',
    'sandbox: true',
    'nodeIntegration: false',
    'nodeIntegrationInSubFrames: false',
    'webSecurity: true',
    'allowRunningInsecureContent: false',
    'webviewTag: false',
    'devTools: !app.isPackaged',
  ])('has %s', (setting) => {
    expect(window).toContain(setting);
  });

  it('loads only the app protocol, never a file: or http: URL', () => {
    expect(window).toContain('window.loadURL(APP_ENTRY_URL)');
    expect(window).not.toMatch(/loadFile|ELECTRON_RENDERER_URL|https?:\/\//);
  });
});
