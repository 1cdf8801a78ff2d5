import { dialog, type BrowserWindow } from 'electron';

/** Native message boxes in English and Urdu (the officer may read either); modal to the window when there is one. */
export type Bilingual = { en: string; ur: string };

function show(window: BrowserWindow | null, options: Electron.MessageBoxSyncOptions): number {
  return window && !window.isDestroyed() ? dialog.showMessageBoxSync(window, options) : dialog.showMessageBoxSync(options);
}

export function inform(window: BrowserWindow | null, text: Bilingual, type: 'info' | 'warning' | 'error' = 'info'): void {
  show(window, { type, title: 'Child Help Desk — چائلڈ ہیلپ ڈیسک', message: text.en, detail: text.ur, buttons: ['OK — ٹھیک ہے'], noLink: true });
}

export function confirm(window: BrowserWindow | null, text: Bilingual, yes: Bilingual, no: Bilingual): boolean {
  const choice = show(window, {
    type: 'question',
    title: 'Child Help Desk — چائلڈ ہیلپ ڈیسک',
    message: text.en,
    detail: text.ur,
    buttons: [`${yes.en} — ${yes.ur}`, `${no.en} — ${no.ur}`],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  return choice === 0;
}
