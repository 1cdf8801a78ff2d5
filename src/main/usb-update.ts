import { spawn } from 'node:child_process';
import { chmod, copyFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import { UPDATE_REFUSAL_TEXT } from '../core/update-signature.js';
import { confirm, inform } from './dialogs.js';
import { prepareUpdateFromFolder } from './update-folder.js';
import type { UpdateDeps } from './updater.js';

/**
 * File > Update from USB stick: no IPC, no network. The officer picks the release folder on the stick; the
 * installer is copied to a private folder and checked there (see update-folder.ts), and only then run.
 */
export async function updateFromUsbStick(deps: UpdateDeps): Promise<void> {
  const window = deps.window();
  const picked = window
    ? await dialog.showOpenDialog(window, { title: 'Choose the update folder — اپ ڈیٹ کا فولڈر منتخب کریں', properties: ['openDirectory'] })
    : await dialog.showOpenDialog({ title: 'Choose the update folder — اپ ڈیٹ کا فولڈر منتخب کریں', properties: ['openDirectory'] });
  const folder = picked.canceled ? undefined : picked.filePaths[0];
  if (!folder) return;

  const prepared = await prepareUpdateFromFolder({
    folder,
    platform: process.platform,
    preferredExtension: process.platform === 'linux' ? (process.env.APPIMAGE ? '.AppImage' : '.deb') : undefined,
    currentVersion: app.getVersion(),
    publicKeyText: deps.publicKeyText,
    stagingRoot: app.getPath('temp'),
  });
  if (!prepared.ok) {
    inform(window, UPDATE_REFUSAL_TEXT[prepared.reason], prepared.reason === 'NOT_NEWER' ? 'info' : 'error');
    return;
  }
  const install = confirm(
    window,
    {
      en: `The update to version ${prepared.version} is genuine (its signature is correct). Install it now? The app closes; entries not yet saved are lost.`,
      ur: `ورژن ${prepared.version} کی اپ ڈیٹ اصلی ہے (دستخط درست ہیں)۔ کیا ابھی انسٹال کریں؟ ایپ بند ہو جائے گی؛ غیر محفوظ معلومات ضائع ہو جائیں گی۔`,
    },
    { en: 'Install now', ur: 'ابھی انسٹال کریں' },
    { en: 'Cancel', ur: 'منسوخ' },
  );
  if (!install) {
    await rm(prepared.stagingDir, { recursive: true, force: true });
    return;
  }
  await deps.lock();
  await runInstaller(prepared.installer, window, deps);
}

/** Runs a checked installer the way electron-updater would for this kind of package. */
async function runInstaller(installer: string, window: BrowserWindow | null, deps: UpdateDeps): Promise<void> {
  if (process.platform === 'win32') {
    // The NSIS installer (per-machine) asks for elevation; `--updated` keeps the install folder and skips the
    // welcome pages, `--force-run` starts the new version when it is done.
    const args = ['--updated', '--force-run'];
    const started = await spawnDetached(installer, args).catch((error: NodeJS.ErrnoException) =>
      error.code === 'UNKNOWN' || error.code === 'EACCES' || error.code === 'EPERM'
        ? spawnDetached(join(process.resourcesPath, 'elevate.exe'), [installer, ...args])
        : shell.openPath(installer).then((message) => message === ''),
    );
    if (started) {
      deps.allowCloseWithoutAsking();
      app.quit();
    }
    else inform(window, { en: 'The installer could not be started.', ur: 'انسٹالر شروع نہیں ہو سکا۔' }, 'error');
    return;
  }
  const appImage = process.env.APPIMAGE;
  if (installer.endsWith('.AppImage') && appImage) {
    // Replace the running AppImage file in one rename (a half-written file is never run), then restart.
    const next = `${appImage}.new`;
    await copyFile(installer, next);
    await chmod(next, 0o755);
    await rename(next, appImage);
    deps.allowCloseWithoutAsking();
    app.relaunch();
    app.quit();
    return;
  }
  // A .deb: hand it to the system's package installer, which asks for the administrator password.
  const message = await shell.openPath(installer);
  inform(
    window,
    message === ''
      ? { en: 'The package installer has opened. When it has finished, start Child Help Desk again.', ur: 'پیکیج انسٹالر کھل گیا ہے۔ انسٹال مکمل ہونے پر چائلڈ ہیلپ ڈیسک دوبارہ کھولیں۔' }
      : { en: `The package installer could not be opened. Install ${installer} with the system's package manager.`, ur: 'پیکیج انسٹالر نہیں کھل سکا۔ سسٹم کے پیکیج مینیجر سے انسٹال کریں۔' },
  );
}

function spawnDetached(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve, reject) => {
    try {
      const child = spawn(command, args, { detached: true, stdio: 'ignore' });
      child.once('error', reject);
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch (error) {
      reject(error);
    }
  });
}
