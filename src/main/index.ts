/**
 * Electron main: one window over the ApiHost, and nothing else of substance. Every security decision (which
 * URL loads, which file a URL maps to, which frame may call the API, when to auto-lock, whether an update is
 * genuine) is a pure, tested function in src/core; this file wires them to Electron.
 */
import { app, BrowserWindow, powerMonitor, session } from 'electron';
import type { SessionInfo } from '../core/api.js';
import { AUTO_LOCK_MS, AUTO_LOCK_TICK_MS, autoLockAction } from '../core/security/auto-lock.js';
import { refusedSwitch } from '../core/security/command-line.js';
import { ApiHost } from '../services/api-handlers.js';
import updatePublicKey from '../../resources/update-public-key.pub?raw';
import { inform } from './dialogs.js';
import { hardenSession, hardenWebContents } from './hardening.js';
import { registerApiIpc } from './ipc.js';
import { WindowPdfPrinter } from './pdf-window.js';
import { installMenu } from './menu.js';
import { MIGRATIONS_DIR, registerPathFrom, RENDERER_DIR } from './paths.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { NetworkUpdates, type UpdateDeps } from './updater.js';
import { updateFromUsbStick } from './usb-update.js';
import { allowCloseWithoutAsking, createMainWindow, showLockScreen } from './window.js';

const refused = app.isPackaged ? refusedSwitch(process.argv.slice(1)) : null;
if (refused) {
  console.error(`Child Help Desk does not start with --${refused}.`);
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  // One window on one register: a second start just brings the first window forward.
  app.exit(0);
} else {
  start();
}

function start(): void {
  registerAppScheme();
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  let window: BrowserWindow | null = null;
  const registerPath = registerPathFrom(process.argv.slice(app.isPackaged ? 1 : 2), app.getPath('userData'));
  const host = new ApiHost(registerPath, { autoLockMs: AUTO_LOCK_MS, migrationsFolder: MIGRATIONS_DIR, printer: new WindowPdfPrinter() });
  const lockAndClear = () => {
    if (host.status().state !== 'unlocked') return;
    host.lock();
    showLockScreen(window);
  };
  const updateDeps: UpdateDeps = { window: () => window, publicKeyText: updatePublicKey, lock: () => host.lock(), allowCloseWithoutAsking };
  const updates = new NetworkUpdates(updateDeps);

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    host.lock();
    app.quit();
  });
  app.on('will-quit', () => host.lock());

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    serveRenderer(session.defaultSession, RENDERER_DIR);
    registerApiIpc(host, () => window);
    installMenu({
      updateFromUsb: () => void updateFromUsbStick(updateDeps),
      checkForUpdates: () => void updates.check(true),
      about: () =>
        inform(window, {
          en: `Child Help Desk ${app.getVersion()}\nRegister: ${registerPath}`,
          ur: `چائلڈ ہیلپ ڈیسک ${app.getVersion()}`,
        }),
    });

    // Auto-lock: the PC idle for the limit, the screen locked, or the PC asleep -> lock and show the lock screen.
    setInterval(() => {
      const unlocked = host.status().state === 'unlocked';
      const action = autoLockAction({ unlocked, systemIdleMs: powerMonitor.getSystemIdleTime() * 1000, limitMs: AUTO_LOCK_MS });
      if (action === 'lock') lockAndClear();
      // Someone is at the PC: that counts as register activity (the host's own lockIfIdle runs inside call).
      else if (action === 'keep-alive') {
        void host.call('session.status', {}).then((response) => {
          if (response.ok && (response.result as SessionInfo).state !== 'unlocked') showLockScreen(window);
        });
      }
    }, AUTO_LOCK_TICK_MS).unref();
    powerMonitor.on('lock-screen', lockAndClear);
    powerMonitor.on('suspend', lockAndClear);

    window = createMainWindow();
    window.on('closed', () => (window = null));
    // A quiet look for an update a minute after start (stations are often offline; failures stay quiet).
    setTimeout(() => void updates.check(false), 60_000).unref();
  });
}
