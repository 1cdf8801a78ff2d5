import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * Electron main, run from its sources in Node against a stand-in for the `electron` module (the real binary
 * cannot be downloaded here). It proves the wiring: what main registers, how the window is made, what the
 * protocol serves, what the IPC door lets through, and that locking the screen locks the register. The
 * security decisions themselves are tested in test/unit/security; real Electron runs test/electron.
 */

type Handler = (...args: never[]) => unknown;

const fake = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const calls = { schemes: [] as unknown[], windows: [] as unknown[], loadURL: [] as unknown[], dialogs: [] as unknown[] };
  const windows: BrowserWindow[] = [];
  const handlers: Record<string, Handler> = {};
  const sessionHandlers: Record<string, Handler> = {};
  let nextId = 1;
  const makeContents = () => {
    const contents = Object.assign(new Emitter(), {
      id: nextId++,
      mainFrame: { frameTreeNodeId: 1 },
      reloads: 0,
      reload() {
        contents.reloads++;
        contents.emit('did-stop-loading'); // a page without unsaved entries reloads at once
      },
      setWindowOpenHandler(handler: Handler) {
        (contents as unknown as { openHandler: Handler }).openHandler = handler;
      },
      closeDevTools() {},
    });
    return contents;
  };
  class BrowserWindow extends Emitter {
    webContents = makeContents();
    constructor(readonly options: unknown) {
      super();
      calls.windows.push(options);
      windows.push(this);
    }
    loadURL(url: string) {
      calls.loadURL.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    show() {}
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    sandboxEnabled: false,
    userData: '',
    getPath: (name: string) => (name === 'userData' ? app.userData : '/tmp'),
    getVersion: () => '0.1.0',
    getName: () => 'child-help-desk',
    name: 'child-help-desk',
    requestSingleInstanceLock: () => true,
    enableSandbox: () => {
      app.sandboxEnabled = true;
    },
    whenReady: () => Promise.resolve(),
    exit: (code: number) => {
      throw new Error(`app.exit(${code})`);
    },
    quit: () => {},
  });
  const webRequest = {
    onBeforeRequest: (handler: Handler) => (sessionHandlers.beforeRequest = handler),
    onHeadersReceived: (handler: Handler) => (sessionHandlers.headersReceived = handler),
  };
  const defaultSession = Object.assign(new Emitter(), {
    setPermissionRequestHandler: (handler: Handler) => (sessionHandlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Handler) => (sessionHandlers.permissionCheck = handler),
    setDevicePermissionHandler: (handler: Handler) => (sessionHandlers.devicePermission = handler),
    setDisplayMediaRequestHandler: (handler: Handler) => (sessionHandlers.displayMedia = handler),
    setSpellCheckerEnabled: () => {},
    protocol: { handle: (scheme: string, handler: Handler) => (sessionHandlers[`protocol:${scheme}`] = handler) },
    webRequest,
  });
  const powerMonitor = Object.assign(new Emitter(), { getSystemIdleTime: () => 0 });
  const dialog = { answer: 1, showMessageBoxSync: (...args: unknown[]) => (calls.dialogs.push(args.at(-1)), dialog.answer), showOpenDialog: async () => ({ canceled: true, filePaths: [] as string[] }) };
  const electron = {
    app,
    BrowserWindow,
    dialog,
    powerMonitor,
    session: { defaultSession },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown) => calls.schemes.push(schemes) },
    ipcMain: { handle: (channel: string, handler: Handler) => (handlers[channel] = handler) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => {} },
    net: { fetch: async () => new Response('', { status: 404 }) },
    shell: { openPath: async () => '' },
  };
  const updater = { autoDownload: true, autoInstallOnAppQuit: true, allowDowngrade: true, disableWebInstaller: false, logger: null as unknown };
  return { electron, calls, windows, handlers, sessionHandlers, makeContents, updater };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('electron-updater', () => ({ default: { autoUpdater: fake.updater } }));

const dir = mkdtempSync(join(tmpdir(), 'childdesk-main-'));

beforeAll(async () => {
  fake.electron.app.userData = dir;
  await import('../../../src/main/index.js');
  await new Promise((resolve) => setTimeout(resolve, 10)); // app.whenReady().then(...)
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The window main made (the first BrowserWindow constructed). */
const appWindow = () => fake.windows[0]!;

const call = (event: unknown, method: string, input: unknown) =>
  (fake.handlers['childdesk:call'] as unknown as (e: unknown, m: unknown, i: unknown) => Promise<{ ok: boolean; result?: { state?: string }; error?: { code: string } }>)(
    event,
    method,
    input,
  );
const trusted = () => ({
  sender: appWindow().webContents,
  senderFrame: { url: 'app://childdesk/index.html', parent: null, frameTreeNodeId: 1, isDestroyed: () => false },
});

describe('electron main, wired', () => {
  it('registers app:// as a privileged standard, secure scheme and turns the sandbox on for every renderer', () => {
    expect(fake.calls.schemes).toEqual([[{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]]);
    expect(JSON.stringify(fake.calls.schemes)).not.toContain('bypassCSP');
    expect(fake.electron.app.sandboxEnabled).toBe(true);
  });

  it('opens one sandboxed, isolated window without Node on app://childdesk/index.html', () => {
    expect(fake.calls.windows).toHaveLength(1);
    expect(fake.calls.windows[0]).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, devTools: true },
    });
    expect((fake.calls.windows[0] as { webPreferences: { preload: string } }).webPreferences.preload).toMatch(/out[\\/]preload[\\/]index\.cjs$|preload[\\/]index\.cjs$/);
    expect(fake.calls.loadURL).toEqual(['app://childdesk/index.html']);
    expect(fake.updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: false });
  });

  it('serves renderer files with the CSP, and nothing outside them', async () => {
    const serve = fake.sessionHandlers['protocol:app'] as unknown as (r: { url: string; method: string }) => Promise<Response>;
    const index = await serve({ url: 'app://childdesk/index.html', method: 'GET' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const url of ['app://childdesk/..%2f..%2fpackage.json', 'app://childdesk/main.tsx', 'app://evil/index.html', 'app://childdesk/%2e%2e/%2e%2e/package.json']) {
      expect((await serve({ url, method: 'GET' })).status).toBe(404);
    }
    expect((await serve({ url: 'app://childdesk/index.html', method: 'POST' })).status).toBe(404);
  });

  it('denies every permission and keeps pages off the network', () => {
    const decide = vi.fn();
    (fake.sessionHandlers.permissionRequest as unknown as (c: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', decide);
    expect(decide).toHaveBeenCalledWith(false);
    expect((fake.sessionHandlers.permissionCheck as unknown as (c: unknown, p: string) => boolean)(null, 'clipboard-read')).toBe(false);
    const cancel = (details: object) => {
      const callback = vi.fn();
      (fake.sessionHandlers.beforeRequest as unknown as (d: object, cb: (r: { cancel: boolean }) => void) => void)(details, callback);
      return (callback.mock.calls[0]![0] as { cancel: boolean }).cancel;
    };
    expect(cancel({ url: 'https://example.com/', webContentsId: 1 })).toBe(true);
    expect(cancel({ url: 'app://childdesk/assets/a.js', webContentsId: 1 })).toBe(false);
    expect(cancel({ url: 'https://updates.example.pk/latest.yml' })).toBe(false); // main's own request (the updater)
  });

  it('guards every webContents: no window.open, no navigation away, no webview', () => {
    const contents = fake.makeContents();
    fake.electron.app.emit('web-contents-created', {}, contents);
    expect((contents as unknown as { openHandler: () => unknown }).openHandler()).toEqual({ action: 'deny' });
    const navigate = (name: string, event: object) => {
      const preventDefault = vi.fn();
      contents.emit(name, { ...event, preventDefault });
      return preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', { url: 'https://example.com/' })).toBe(true);
    expect(navigate('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(navigate('will-navigate', { url: 'app://childdesk/index.html' })).toBe(false);
    expect(navigate('will-redirect', { url: 'https://example.com/', isMainFrame: true })).toBe(true);
    expect(navigate('will-frame-navigate', { url: 'app://childdesk/index.html', isMainFrame: false })).toBe(true);
    expect(navigate('will-attach-webview', {})).toBe(true);
  });

  it('answers the app window over IPC and refuses any other sender', async () => {
    expect(await call(trusted(), 'session.status', {})).toEqual({ ok: true, result: { state: 'no_register' } });
    const other = { ...trusted(), sender: fake.makeContents() };
    const subframe = { ...trusted(), senderFrame: { ...trusted().senderFrame, parent: {}, frameTreeNodeId: 7 } };
    const foreign = { ...trusted(), senderFrame: { ...trusted().senderFrame, url: 'https://example.com/' } };
    const gone = { ...trusted(), senderFrame: null };
    for (const event of [other, subframe, foreign, gone]) {
      expect(await call(event, 'session.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await call(trusted(), 'case.delete', {})).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(await call(trusted(), 'session.login', { username: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('locks the register and shows the lock screen when the screen locks', async () => {
    const setup = await call(trusted(), 'session.setupStation', {
      stationCode: 'QTA01',
      stationName: 'Civil Lines Quetta',
      district: 'Quetta',
      username: 'incharge',
      passphrase: 'correct horse battery staple',
    });
    expect(setup.ok).toBe(true);
    expect((await call(trusted(), 'session.status', {})).result?.state).toBe('unlocked');
    const reloads = appWindow().webContents.reloads;
    fake.electron.powerMonitor.emit('lock-screen');
    expect((await call(trusted(), 'session.status', {})).result?.state).toBe('locked');
    expect(appWindow().webContents.reloads).toBe(reloads + 1);
  });

  it('answers file.pick with the native dialog and gives the page handles for the chosen files, never their paths', async () => {
    mkdirSync(join(dir, 'usb'));
    writeFileSync(join(dir, 'usb', 'QTA01-000001.chd'), 'bundle bytes');
    writeFileSync(join(dir, 'usb', 'notes.txt'), 'not a bundle');
    writeFileSync(join(dir, 'district.pub'), 'not a key file');
    expect(await call(trusted(), 'file.pick', { purpose: 'bundles' })).toEqual({ ok: true, result: [] }); // cancelled
    expect(await call(trusted(), 'file.pick', { purpose: 'nothing' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    fake.electron.dialog.showOpenDialog = async () => ({ canceled: false, filePaths: [join(dir, 'usb')] });
    const folder = await call(trusted(), 'file.pick', { purpose: 'bundles', directory: true });
    expect(folder).toEqual({ ok: true, result: [{ handle: expect.stringMatching(/^f_/), name: 'QTA01-000001.chd', size: 12 }] });
    expect(JSON.stringify(folder)).not.toContain(dir);

    // The handle reaches the service, which reads the file itself.
    await call(trusted(), 'session.login', { username: 'incharge', passphrase: 'correct horse battery staple' });
    fake.electron.dialog.showOpenDialog = async () => ({ canceled: false, filePaths: [join(dir, 'district.pub')] });
    const key = (await call(trusted(), 'file.pick', { purpose: 'districtKey' })) as unknown as { result: Array<{ handle: string }> };
    expect(await call(trusted(), 'bundle.pinDistrict', { file: key.result[0]!.handle })).toMatchObject({ ok: false, error: { code: 'BAD_KEY_FILE' } });
    expect(await call(trusted(), 'bundle.pinDistrict', { file: 'f_AAAAAAAAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { code: 'FILE_HANDLE_UNKNOWN' } });
  });

  it('keeps an owner-only diagnostics log in the user-data folder', () => {
    const log = join(dir, 'logs', 'childdesk.log');
    expect(statSync(log).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
    expect(readFileSync(log, 'utf8')).toContain('"event":"services.start"');
    expect(readFileSync(log, 'utf8')).not.toContain('correct horse');
  });

  it('asks in English and Urdu before closing with unsaved entries', () => {
    const unload = (answer: number) => {
      fake.electron.dialog.answer = answer;
      const preventDefault = vi.fn();
      appWindow().webContents.emit('will-prevent-unload', { preventDefault });
      return preventDefault.mock.calls.length > 0;
    };
    expect(unload(1)).toBe(false); // Stay: the page keeps its entries
    expect(unload(0)).toBe(true); // Leave: unload goes ahead
    const asked = fake.calls.dialogs.at(-1) as { message: string; detail: string; buttons: string[] };
    expect(asked.message).toMatch(/not saved/);
    expect(asked.detail).toMatch(/[\u0600-\u06FF]/);
    expect(asked.buttons.join(' ')).toMatch(/Stay.*واپس/);
  });
});

