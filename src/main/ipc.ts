import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { ApiResponse } from '../core/api.js';
import { AppError } from '../core/errors.js';
import { isTrustedIpcSender } from '../core/security/app-origin.js';
import { IPC_CHANNEL } from '../core/security/bridge.js';
import type { ServicesClient } from '../services/services-client.js';
import type { FileDialogs } from './file-dialogs.js';

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
 * app origin. The file dialogs (`file.pick`, `file.saveTarget`) are main's own; every other method goes to the
 * services thread, whose ApiHost checks the method name, parses the input with the contract's zod schema, runs
 * the service and answers with a result or a typed error (it never throws).
 */
export function registerApiIpc(services: Pick<ServicesClient, 'call'>, window: () => BrowserWindow | null, files: FileDialogs): void {
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown): Promise<ApiResponse<unknown>> => {
    if (!isTrustedIpcSender(senderOf(event, window()))) {
      return { ok: false, error: new AppError('FORBIDDEN', 'This window may not use the register.').toJSON() };
    }
    if (method === 'file.pick') return files.pick(input);
    if (method === 'file.saveTarget') return files.saveTarget(input);
    return services.call(method, input);
  });
}
