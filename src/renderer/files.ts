import type { FilePurpose, PickedFile, SaveTarget } from '../core/files.js';
import { FILE_PURPOSES, fitsPurpose } from '../core/files.js';
import { ApiError, call, devToken, inDesktopApp, type ApiFailure } from './api-client.js';

/**
 * The file door, page side (TEAM contract 2). The page never holds a path and never sends a large file through
 * JSON: it gets handles and passes them to services (`district.import { files }`, `bundle.export { target }`).
 * - Desktop app: main shows the native dialog (`file.pick`, `file.saveTarget`) and registers the chosen paths.
 * - Browser build: the chosen files are uploaded to the dev server, which keeps them privately and answers
 *   handles; what a service writes to a save target comes back as a download (deliver()).
 * Playwright drives the browser build through the `<input type=file>` elements: FilePick's own, or the one
 * pickFiles() adds while it waits (`page.waitForEvent('filechooser')`, then setFiles).
 */
export type PickOptions = { purpose: FilePurpose; multiple?: boolean; directory?: boolean };

/** Files the officer picks; empty when they cancel. */
export async function pickFiles(options: PickOptions): Promise<PickedFile[]> {
  if (inDesktopApp()) return call('file.pick', options);
  return uploadFiles(await chooseInPage(options), options.purpose, options.directory);
}

/** Where a service will write what the officer saves; null when they cancel. */
export async function saveTarget(options: { purpose: FilePurpose; suggestedName: string }): Promise<SaveTarget | null> {
  if (inDesktopApp()) return call('file.saveTarget', options);
  return overHttp<SaveTarget>('/files/target', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) });
}

/**
 * After a service wrote to a save target: the browser build downloads it (the desktop app wrote it where the
 * officer chose already, so there is nothing more to do).
 */
export async function deliver(handle: string): Promise<void> {
  if (inDesktopApp()) return;
  const response = await fetchOrFail(`/files/download/${encodeURIComponent(handle)}`, { method: 'GET' });
  if (!response.ok) throw new ApiError(await failureOf(response));
  const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name ? decodeURIComponent(name) : 'download';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/**
 * Files chosen with a page's own `<input type=file>` (the browser build), uploaded one by one. In a folder,
 * only the files that fit the purpose (a USB stick's `.chd` bundles, not its other files).
 */
export async function uploadFiles(files: Iterable<File>, purpose: FilePurpose, fromFolder = false): Promise<PickedFile[]> {
  const picked: PickedFile[] = [];
  for (const file of files) {
    if (fromFolder && !fitsPurpose(purpose, file.name)) continue;
    const query = new URLSearchParams({ purpose, name: file.name });
    picked.push(await overHttp<PickedFile>(`/files/upload?${query.toString()}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file }));
  }
  return picked;
}

/** A transient file input, clicked; resolves with the chosen files, or none when the chooser is cancelled. */
function chooseInPage({ purpose, multiple, directory }: PickOptions): Promise<File[]> {
  const input = document.createElement('input');
  input.type = 'file';
  input.hidden = true;
  input.accept = directory ? '' : FILE_PURPOSES[purpose].accept;
  input.multiple = Boolean(multiple || directory);
  input.dataset.filePurpose = purpose;
  if (directory) input.setAttribute('webkitdirectory', '');
  document.body.append(input);
  return new Promise<File[]>((resolve) => {
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => done([]), { once: true });
    input.click();
  });
}

async function overHttp<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetchOrFail(url, init);
  const body = (await response.json().catch(() => null)) as { ok: true; result: T } | { ok: false; error: ApiFailure } | null;
  if (!body) throw new ApiError(await failureOf(response));
  if (!body.ok) throw new ApiError(body.error);
  return body.result;
}

async function fetchOrFail(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${devToken()}` } });
  } catch {
    throw new ApiError({ code: 'NETWORK', message: '', messageUr: '', action: '', actionUr: '' });
  }
}

async function failureOf(response: Response): Promise<ApiFailure> {
  const body = (await response.json().catch(() => null)) as { error?: ApiFailure } | null;
  return body?.error ?? { code: 'NETWORK', message: '', messageUr: '', action: '', actionUr: '' };
}
