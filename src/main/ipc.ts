import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { ApiResponse } from '../core/api.js';
import { AppError } from '../core/errors.js';
import { isTrustedIpcSender } from '../core/security/app-origin.js';
import { IPC_CHANNEL } from '../core/security/bridge.js';
import type { ApiHost } from '../services/api-handlers.js';

/** What the sender check needs from an IPC event, read defensively (the frame may be gone already). */
export function senderOf(event: IpcMainInvokeEvent, window: BrowserWindow | null) {
  const frame = event.senderFrame;
  const appWindow = window && !window.isDestroyed() ? window.webContents : null;
  return {
    frameUrl: frame && !frame.isDestroyed() ? frame.url : null,
    isMainFrame: frame !== null && !frame.isDestroyed() && frame.parent === null && frame.frameTreeNodeId === event.sender.mainFrame.frameTreeNodeId,
    isAppWindow: appWindow !== null && event.sender.id === appWindow.id,
  };
}

/**
 * The one IPC door: `childdesk:call(method, input)`. The sender must be the top frame of the app window on the
 * app origin; the ApiHost then checks the method name, parses the input with the contract's zod schema, runs
 * the service and answers with a result or a typed error (it never throws).
 */
export function registerApiIpc(host: ApiHost, window: () => BrowserWindow | null): void {
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown): Promise<ApiResponse<unknown>> => {
    if (!isTrustedIpcSender(senderOf(event, window()))) {
      return { ok: false, error: new AppError('FORBIDDEN', 'This window may not use the register.').toJSON() };
    }
    return host.call(method, input);
  });
}
