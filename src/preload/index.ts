/**
 * The sandboxed preload: exposes exactly one object, `window.childDesk`, with one function. No ipcRenderer, no
 * event emitters, no generic send: the page can ask main to run an API method and nothing else. Main checks the
 * sender frame and parses the input with the contract's schema; this side only refuses names that are not
 * methods, so a typo fails here with the same typed error the services use.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiInput, ApiMethod, ApiResponse } from '../core/api.js';
import { AppError } from '../core/errors.js';
import { IPC_CHANNEL, isBridgeMethod } from '../core/security/bridge.js';

export type ChildDeskBridge = {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResponse<unknown>>;
};

const failure = (code: 'USAGE' | 'INTERNAL', detail?: string): ApiResponse<never> => ({ ok: false, error: new AppError(code, detail).toJSON() });

const childDesk: ChildDeskBridge = Object.freeze({
  call(method: unknown, input: unknown): Promise<ApiResponse<unknown>> {
    if (!isBridgeMethod(method)) return Promise.resolve(failure('USAGE', 'Unknown API method.'));
    return (ipcRenderer.invoke(IPC_CHANNEL, method, input ?? {}) as Promise<ApiResponse<unknown>>).catch(() => failure('INTERNAL'));
  },
});

contextBridge.exposeInMainWorld('childDesk', childDesk);
