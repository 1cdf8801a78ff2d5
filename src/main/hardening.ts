import { app, type Session, type WebContents } from 'electron';
import { APP_CSP, mayFrameNavigate, mayGrantPermission, mayNavigateTo, mayPageRequest } from '../core/security/app-origin.js';

/**
 * The session rules of the one window: no permission is ever granted, pages reach nothing but the app origin,
 * nothing downloads, and every response to a page carries the app's CSP. Decisions are the pure functions of
 * src/core/security; this file only wires them to Electron.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(mayGrantPermission(permission)));
  session.setPermissionCheckHandler((_contents, permission) => mayGrantPermission(permission));
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.setSpellCheckerEnabled(false);
  session.on('will-download', (event) => event.preventDefault());
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });

  // Requests from pages (not from main: the updater has no webContents) go to the app origin only.
  session.webRequest.onBeforeRequest((details, callback) => {
    const fromPage = details.webContentsId !== undefined;
    callback({ cancel: fromPage && !mayPageRequest(details.url) && !devToolsUrl(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.webContentsId === undefined) {
      callback({});
      return;
    }
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [APP_CSP] } });
  });
}

function devToolsUrl(url: string): boolean {
  return !app.isPackaged && url.startsWith('devtools://');
}

/** Guards for every webContents the app ever creates (the window, and anything a bug might open). */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (!mayNavigateTo(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!mayFrameNavigate(event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!mayFrameNavigate(event.url, event.isMainFrame)) event.preventDefault();
  });
  if (app.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
}
