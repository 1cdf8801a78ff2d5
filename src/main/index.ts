/**
 * Electron main: one window over the services thread (the ApiHost runs in a worker thread behind a
 * ServicesClient, so no register work ever runs on this thread), and nothing else of substance. Every security decision (which
 * URL loads, which file a URL maps to, which frame may call the API, when to auto-lock, whether an update is
 * genuine) is a pure, tested function in src/core; this file wires them to Electron.
 */
import { join } from 'node:path';
import { app, BrowserWindow, powerMonitor, session } from 'electron';
import type { SessionInfo } from '../core/api.js';
import { AUTO_LOCK_MS, AUTO_LOCK_TICK_MS, autoLockAction } from '../core/security/auto-lock.js';
import { refusedSwitch } from '../core/security/command-line.js';
import { LOG_FILE_NAME } from '../services/diagnostics.js';
import { ServicesClient } from '../services/services-client.js';
import updatePublicKey from '../../resources/update-public-key.pub?raw';
import { inform } from './dialogs.js';
import { fileDialogs } from './file-dialogs.js';
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
  // The diagnostics log (never a name, passphrase, key or case content): what the IT cell reads for an error id.
  const logFile = join(app.getPath('userData'), 'logs', LOG_FILE_NAME);
  // Save as PDF: the services thread asks main to print with Electron's own Chromium (a hidden print window).
  const services = new ServicesClient({ registerPath, autoLockMs: AUTO_LOCK_MS, storeOptions: { migrationsFolder: MIGRATIONS_DIR }, logFile }, new WindowPdfPrinter());
  const lockAndClear = () =>
    void services.lock().then((wasOpen) => {
      if (wasOpen) showLockScreen(window);
    });
  const updateDeps: UpdateDeps = { window: () => window, publicKeyText: updatePublicKey, lock: () => services.lock(), allowCloseWithoutAsking };
  const updates = new NetworkUpdates(updateDeps);

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    void services.lock();
    app.quit();
  });
  // Quitting waits for the services thread to lock the register and let a running job roll back.
  let servicesClosed = false;
  app.on('will-quit', (event) => {
    if (servicesClosed) return;
    event.preventDefault();
    void services.close().finally(() => {
      servicesClosed = true;
      app.quit();
    });
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    serveRenderer(session.defaultSession, RENDERER_DIR);
    registerApiIpc(services, () => window, fileDialogs(services, () => window));
    installMenu({
      updateFromUsb: () => void updateFromUsbStick(updateDeps),
      checkForUpdates: () => void updates.check(true),
      about: () =>
        inform(window, {
          en: `Child Help Desk ${app.getVersion()}\nRegister: ${registerPath}\nDiagnostics log: ${logFile}`,
          ur: `چائلڈ ہیلپ ڈیسک ${app.getVersion()}`,
        }),
    });

    // Auto-lock: the PC idle for the limit, the screen locked, or the PC asleep -> lock and show the lock screen.
    // The services thread is asked; its status() does not count as activity, as before.
    setInterval(() => {
      void services.status().then(({ state }) => {
        const action = autoLockAction({ unlocked: state === 'unlocked', systemIdleMs: powerMonitor.getSystemIdleTime() * 1000, limitMs: AUTO_LOCK_MS });
        if (action === 'lock') lockAndClear();
        // Someone is at the PC: that counts as register activity (the host's own lockIfIdle runs inside call).
        else if (action === 'keep-alive') {
          void services.call('session.status', {}).then((response) => {
            if (response.ok && (response.result as SessionInfo).state !== 'unlocked') showLockScreen(window);
          });
        }
      });
    }, AUTO_LOCK_TICK_MS).unref();
    powerMonitor.on('lock-screen', lockAndClear);
    powerMonitor.on('suspend', lockAndClear);

    window = createMainWindow();
    window.on('closed', () => (window = null));
    // A quiet look for an update a minute after start (stations are often offline; failures stay quiet).
    setTimeout(() => void updates.check(false), 60_000).unref();
  });
}
