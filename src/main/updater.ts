import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { app, net, type BrowserWindow } from 'electron';
import electronUpdater from 'electron-updater';
import type { UpdateInfo } from 'electron-updater';
import { feedUrlFromAppUpdateConfig, signatureUrlFor } from '../core/security/update-manifest.js';
import { checkUpdate, parseMinisignPublicKey, UPDATE_REFUSAL_TEXT, type SignatureVerdict } from '../core/update-signature.js';
import { confirm, inform } from './dialogs.js';
import { digestFile } from './file-digest.js';

export type UpdateDeps = {
  window: () => BrowserWindow | null;
  /** The minisign public key embedded in this build. */
  publicKeyText: string;
  /** Lock the register (before any installer runs). */
  /** Locks the register (resolves once the services thread has closed it). */
  lock: () => Promise<unknown>;
  /** Let the window close without the unsaved-entries question (the install question already said so). */
  allowCloseWithoutAsking: () => void;
};

const MAX_SIGNATURE_BYTES = 4 * 1024;

/**
 * Network updates from the province's server (electron-updater, generic provider, the URL electron-builder
 * wrote into resources/app-update.yml from `publish.url`). Nothing downloads or installs by itself: the officer
 * is asked before the download and before the install, and between the two the installer's minisign signature
 * (`<installer>.minisig` beside it on the server) is checked against the key inside this build. A refused
 * download is deleted, so it cannot be installed on quit either (autoInstallOnAppQuit is off).
 */
export class NetworkUpdates {
  private busy = false;
  // electron-updater is CommonJS: from an ES module its exports come through the default import. Reading
  // `autoUpdater` creates the platform's updater, so it happens here (after start), not at import.
  private readonly updater = electronUpdater.autoUpdater;

  constructor(private readonly deps: UpdateDeps) {
    const autoUpdater = this.updater;
    autoUpdater.autoDownload = false;
    autoUpdater.autoInstallOnAppQuit = false;
    autoUpdater.allowDowngrade = false;
    autoUpdater.disableWebInstaller = true;
    autoUpdater.logger = {
      info: (message?: unknown) => console.log('[updater]', message),
      warn: (message?: unknown) => console.warn('[updater]', message),
      error: (message?: unknown) => console.error('[updater]', message),
    };
  }

  /** `interactive`: from the menu, so say what happened; otherwise (at start) stay quiet unless there is an update. */
  async check(interactive: boolean): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const window = this.deps.window();
    try {
      if (!app.isPackaged) {
        if (interactive) inform(window, { en: 'Updates work in the installed app only.', ur: 'اپ ڈیٹ صرف انسٹال شدہ ایپ میں کام کرتی ہے۔' });
        return;
      }
      if (!parseMinisignPublicKey(this.deps.publicKeyText)) {
        if (interactive) inform(window, UPDATE_REFUSAL_TEXT.NO_UPDATE_KEY, 'warning');
        return;
      }
      const feed = await readFeedUrl();
      if (!feed) {
        if (interactive) {
          inform(window, {
            en: 'This installation has no update server. Use File > Update from USB stick.',
            ur: 'اس انسٹالیشن میں اپ ڈیٹ سرور درج نہیں۔ فائل > یو ایس بی سے اپ ڈیٹ استعمال کریں۔',
          });
        }
        return;
      }
      this.updater.setFeedURL({ provider: 'generic', url: feed });
      const result = await this.updater.checkForUpdates();
      if (!result?.isUpdateAvailable) {
        if (interactive) {
          inform(window, { en: `You have the latest version (${app.getVersion()}).`, ur: `آپ کے پاس تازہ ترین ورژن (${app.getVersion()}) ہے۔` });
        }
        return;
      }
      const info = result.updateInfo;
      const download = confirm(
        window,
        { en: `Version ${info.version} is available (this is ${app.getVersion()}). Download it now?`, ur: `ورژن ${info.version} دستیاب ہے (موجودہ ${app.getVersion()})۔ کیا ابھی ڈاؤن لوڈ کریں؟` },
        { en: 'Download', ur: 'ڈاؤن لوڈ کریں' },
        { en: 'Not now', ur: 'ابھی نہیں' },
      );
      if (!download) return;
      const [downloaded] = await this.updater.downloadUpdate();
      if (!downloaded) throw new Error('The updater returned no file.');
      const verdict = await verifyDownloaded(downloaded, info, feed, this.deps.publicKeyText);
      if (!verdict.ok) {
        await rm(downloaded, { force: true });
        inform(window, UPDATE_REFUSAL_TEXT[verdict.reason], 'error');
        return;
      }
      const install = confirm(
        window,
        {
          en: `Version ${info.version} is downloaded and its signature is correct. Install it now? The app closes and restarts; entries not yet saved are lost.`,
          ur: `ورژن ${info.version} ڈاؤن لوڈ ہو گیا اور اس کے دستخط درست ہیں۔ کیا ابھی انسٹال کریں؟ ایپ بند ہو کر دوبارہ کھلے گی؛ غیر محفوظ معلومات ضائع ہو جائیں گی۔`,
        },
        { en: 'Install now', ur: 'ابھی انسٹال کریں' },
        { en: 'Later', ur: 'بعد میں' },
      );
      if (!install) return;
      await this.deps.lock();
      this.deps.allowCloseWithoutAsking();
      this.updater.quitAndInstall(false, true);
    } catch (error) {
      console.error('[updater]', error);
      if (interactive) {
        inform(
          window,
          {
            en: 'The update server could not be reached. Check the connection, or use File > Update from USB stick.',
            ur: 'اپ ڈیٹ سرور سے رابطہ نہیں ہو سکا۔ کنکشن چیک کریں، یا فائل > یو ایس بی سے اپ ڈیٹ استعمال کریں۔',
          },
          'warning',
        );
      }
    } finally {
      this.busy = false;
    }
  }
}

/** The generic feed electron-builder wrote from `publish.url`; null when the build has none. */
async function readFeedUrl(): Promise<string | null> {
  try {
    return feedUrlFromAppUpdateConfig(await readFile(join(process.resourcesPath, 'app-update.yml'), 'utf8'));
  } catch {
    return null;
  }
}

/** Fetches `<installer URL>.minisig` from the feed and runs the one update decision on the downloaded file. */
async function verifyDownloaded(downloaded: string, info: UpdateInfo, feed: string, publicKeyText: string): Promise<SignatureVerdict> {
  const name = basename(downloaded);
  const entry = info.files.find((file) => {
    try {
      return basename(decodeURIComponent(new URL(file.url, feed).pathname)) === name;
    } catch {
      return false;
    }
  });
  const signatureUrl = entry ? signatureUrlFor(feed, entry.url) : null;
  if (!signatureUrl) return { ok: false, reason: 'MALFORMED_SIGNATURE' };
  const response = await net.fetch(signatureUrl, { cache: 'no-store' });
  if (!response.ok) return { ok: false, reason: 'MALFORMED_SIGNATURE' };
  const signatureText = await response.text();
  if (signatureText.length > MAX_SIGNATURE_BYTES) return { ok: false, reason: 'MALFORMED_SIGNATURE' };
  const digests = await digestFile(downloaded);
  return checkUpdate({ digest: digests.blake2b512, signatureText, publicKeyText, offeredVersion: info.version, currentVersion: app.getVersion() });
}
