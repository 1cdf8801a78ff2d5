import type { ApiInput, ApiMethod, ApiOutput, ApiResponse } from '../core/api.js';

/**
 * The renderer's one way to the services: Electron's preload bridge when present, else the dev server's HTTP
 * API with the token the server put into index.html.
 */

export type ApiFailure = { code: string; message: string; messageUr: string; action: string; actionUr: string; errorId?: string };

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.message);
  }
}

type Bridge = { call: (method: string, input: unknown) => Promise<ApiResponse<unknown>> };

function bridge(): Bridge | undefined {
  return (window as unknown as { childDesk?: Bridge }).childDesk;
}

/** In the desktop app (the preload's bridge is there), files go through native dialogs; else through the dev server. */
export function inDesktopApp(): boolean {
  return bridge() !== undefined;
}

/** The dev server's per-start token (the browser build only). */
export function devToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="childdesk-token"]')?.content ?? '';
}

async function overHttp(method: string, input: unknown): Promise<ApiResponse<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${devToken()}` },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: '', messageUr: '', action: '', actionUr: '' } };
  }
  return (await response.json()) as ApiResponse<unknown>;
}

export async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const transport = bridge();
  const response = transport ? await transport.call(method, input) : await overHttp(method, input);
  if (!response.ok) throw new ApiError(response.error);
  return response.result as ApiOutput<M>;
}
