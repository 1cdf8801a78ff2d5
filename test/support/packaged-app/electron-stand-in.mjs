// A stand-in for the `electron` module, for running the PACKAGED main (extracted from app.asar) under plain Node:
// Electron's binary cannot be downloaded here. It keeps what main registers (IPC handler, protocol handlers,
// request filters) so the driver can call through them, and it prints PDFs the way Electron's Chromium would:
// the window's document is fetched through the session's own protocol handler and request filter, then laid
// out and printed by a real Chromium (Debian's, through playwright-core), like webContents.printToPDF.
import { EventEmitter } from 'node:events';
import { basename, join } from 'node:path';

// Node's fetch classes (plain globals; named here so lint knows them).
const { Request, Response } = globalThis;

const state = {
  ipc: new Map(),
  windows: [],
  chromium: null,
  browser: null,
  userData: '',
  appDir: '',
  saveFolder: '',
  saveDialogs: [],
};
let readyResolve;
export const ready = new Promise((resolve) => (readyResolve = resolve));

/** Set by the driver before main is imported. */
export function configure({ userData, chromium, appDir, saveFolder }) {
  state.userData = userData;
  state.chromium = chromium;
  state.appDir = appDir;
  state.saveFolder = saveFolder;
}

/** The save dialogs main showed (their options), in order. */
export function saveDialogs() {
  return state.saveDialogs;
}

export function ipcHandler(channel) {
  return state.ipc.get(channel);
}

export function appWindow() {
  return state.windows.find((window) => window.options.webPreferences?.preload);
}

export function printWindows() {
  return state.windows.filter((window) => window !== appWindow());
}

export async function shutDown() {
  await state.browser?.close();
}

class StandInSession extends EventEmitter {
  constructor() {
    super();
    this.protocolHandlers = new Map();
    this.beforeRequest = null;
    this.protocol = { handle: (scheme, handler) => this.protocolHandlers.set(scheme, handler) };
    this.webRequest = {
      onBeforeRequest: (handler) => (this.beforeRequest = handler),
      onHeadersReceived: () => {},
    };
  }
  setPermissionRequestHandler() {}
  setPermissionCheckHandler() {}
  setDevicePermissionHandler() {}
  setDisplayMediaRequestHandler() {}
  setSpellCheckerEnabled() {}

  /** What Chromium does for a navigation: ask the request filter, then fetch through the scheme's handler. */
  async fetch(url) {
    if (this.beforeRequest) {
      const cancelled = await new Promise((resolve) => this.beforeRequest({ url, method: 'GET', webContentsId: 1 }, ({ cancel }) => resolve(Boolean(cancel))));
      if (cancelled) throw new Error(`ERR_BLOCKED_BY_CLIENT ${url}`);
    }
    const handler = this.protocolHandlers.get(new URL(url).protocol.replace(':', ''));
    if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME ${url}`);
    const response = await handler(new Request(url));
    if (response.status !== 200) throw new Error(`ERR_FILE_NOT_FOUND ${url} (${response.status})`);
    return response;
  }
}

const defaultSession = new StandInSession();
const partitions = new Map();

let nextId = 1;
class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = options;
    this.destroyed = false;
    this.session = options.webPreferences?.session ?? defaultSession;
    this.page = null;
    this.webContents = Object.assign(new EventEmitter(), {
      id: nextId++,
      mainFrame: { frameTreeNodeId: 1 },
      setWindowOpenHandler: () => {},
      reload: () => {},
      closeDevTools: () => {},
      executeJavaScript: async (code) => {
        if (!this.page) throw new Error('no page loaded');
        return this.page.evaluate(code);
      },
      printToPDF: async (options) => {
        if (!this.page) throw new Error('no page loaded');
        return this.page.pdf({ preferCSSPageSize: Boolean(options.preferCSSPageSize), printBackground: Boolean(options.printBackground) });
      },
    });
    state.windows.push(this);
    // The app window (the one with the preload) is made last in main's start: main is ready once it exists.
    if (options.webPreferences?.preload) void Promise.resolve().then(() => readyResolve());
  }
  async loadURL(url) {
    this.url = url;
    if (this === appWindow()) return; // the app window's page is not rendered here (test/e2e runs it in Chromium)
    const response = await this.session.fetch(url);
    const html = await response.text();
    const browser = await launchChromium();
    const context = await browser.newContext({ javaScriptEnabled: this.options.webPreferences?.javascript !== false, offline: true });
    this.page = await context.newPage();
    await this.page.emulateMedia({ media: 'print' });
    await this.page.setContent(html, { waitUntil: 'load' });
  }
  once(name, listener) {
    return super.once(name, listener);
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  show() {}
  focus() {}
  destroy() {
    this.destroyed = true;
    void this.page?.context().close();
  }
}

async function launchChromium() {
  if (!state.browser) {
    const playwright = await import(state.chromium.playwright);
    const { chromium } = playwright.default ?? playwright; // CommonJS: its exports come as the default
    state.browser = await chromium.launch({ executablePath: state.chromium.executablePath, args: state.chromium.args, headless: true });
  }
  return state.browser;
}

export const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  getPath: () => state.userData,
  getAppPath: () => state.appDir,
  relaunch: () => {},
  getVersion: () => '0.0.0-stand-in',
  getName: () => 'child-help-desk',
  requestSingleInstanceLock: () => true,
  enableSandbox: () => {},
  whenReady: () => Promise.resolve(),
  exit: () => {},
  quit: () => {},
});

export const session = {
  defaultSession,
  fromPartition(partition) {
    if (!partitions.has(partition)) partitions.set(partition, new StandInSession());
    return partitions.get(partition);
  },
};

export const ipcMain = { handle: (channel, handler) => state.ipc.set(channel, handler) };
export const protocol = { registerSchemesAsPrivileged: () => {} };
export const powerMonitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 });
export const dialog = {
  showMessageBoxSync: () => 1,
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  // The officer accepts the suggested name, in the folder the driver named.
  showSaveDialog: async (...args) => {
    const options = args.at(-1);
    state.saveDialogs.push(options);
    return { canceled: false, filePath: join(state.saveFolder, basename(options.defaultPath)) };
  },
};
export const Menu = { buildFromTemplate: (template) => template, setApplicationMenu: () => {} };
export const net = { fetch: async () => new Response('', { status: 404 }) };
export const shell = { openPath: async () => '', showItemInFolder: () => {} };
export { BrowserWindow };

export default { app, BrowserWindow, session, ipcMain, protocol, powerMonitor, dialog, Menu, net, shell };
