import { app, BrowserWindow, dialog } from 'electron';
import { APP_ENTRY_URL } from '../core/security/app-origin.js';
import { PRELOAD_PATH } from './paths.js';

/** The one window: sandboxed, isolated, no Node, web security on, the preload as its only bridge. */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Child Help Desk',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  guardUnsavedChanges(window);
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/**
 * What happens when a page with unsaved entries refuses to unload: `ask` the officer (normal), `keep` the page
 * silently (main locked the register while nobody was at the desk), or `discard` (the officer already agreed to
 * close for an update install).
 */
let unloadMode: 'ask' | 'keep' | 'discard' = 'ask';

/** For an update install the officer has confirmed: close without asking again. */
export function allowCloseWithoutAsking(): void {
  unloadMode = 'discard';
}

/**
 * The form sets `beforeunload` while it has unsaved entries; Electron then asks main (`will-prevent-unload`)
 * instead of showing Chromium's dialog. Ask in English and Urdu; "Leave" lets the window close.
 */
function guardUnsavedChanges(window: BrowserWindow): void {
  window.webContents.on('will-prevent-unload', (event) => {
    if (unloadMode === 'keep') {
      unloadMode = 'ask'; // keep the page (and its entries) this once, without a question
      return;
    }
    if (unloadMode === 'discard') {
      event.preventDefault();
      return;
    }
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave without saving — محفوظ کیے بغیر بند کریں', 'Stay — واپس جائیں'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      title: 'Unsaved changes — غیر محفوظ تبدیلیاں',
      message: 'The form has entries that are not saved. Leave and lose them?',
      detail: 'فارم میں ایسی معلومات ہیں جو محفوظ نہیں ہوئیں۔ کیا آپ انہیں ضائع کر کے بند کرنا چاہتے ہیں؟',
    });
    if (choice === 0) event.preventDefault(); // preventDefault here means: ignore beforeunload and unload
  });
}

/**
 * After main locked the register (idle, screen lock, sleep), show the lock screen instead of the last case. A
 * page with unsaved entries refuses the reload and keeps them, with no dialog while nobody is at the desk; the
 * register behind it is locked all the same, so saving is refused until someone logs in again.
 */
export function showLockScreen(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (unloadMode === 'discard') return;
  unloadMode = 'keep';
  const restore = () => {
    if (unloadMode === 'keep') unloadMode = 'ask';
  };
  window.webContents.once('did-stop-loading', restore);
  window.webContents.reload();
  setTimeout(restore, 2_000);
}
