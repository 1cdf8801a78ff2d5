import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { app, dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { apiContract, type ApiResponse } from '../core/api.js';
import { AppError } from '../core/errors.js';
import { FILE_PURPOSE_TITLES, fileExtensionsFor, fitsPurpose, type FilePurpose } from '../core/files.js';
import { ServicesFailure, type ServicesClient } from '../services/services-client.js';

/**
 * The desktop side of the file door (TEAM contract 2): `file.pick` and `file.saveTarget` are answered here with
 * native dialogs, and the paths the officer chose are registered with the services thread, which hands back
 * handles. The page never sees a path and never sends one: it gets handles and passes them to services.
 */
export type FileDialogs = {
  pick(input: unknown): Promise<ApiResponse<unknown>>;
  saveTarget(input: unknown): Promise<ApiResponse<unknown>>;
};

export function fileDialogs(client: ServicesClient, window: () => BrowserWindow | null): FileDialogs {
  const parent = () => {
    const current = window();
    return current && !current.isDestroyed() ? current : null;
  };
  return {
    pick: (input) =>
      answer(async () => {
        const { purpose, multiple, directory } = parse('file.pick', input);
        const options: OpenDialogOptions = {
          title: title(purpose),
          properties: directory ? ['openDirectory'] : ['openFile', ...(multiple ? (['multiSelections'] as const) : [])],
          filters: directory ? undefined : filters(purpose),
        };
        const chosen = await showOpen(parent(), options);
        if (chosen.canceled) return [];
        const paths = directory ? chosen.filePaths.flatMap((folder) => filesIn(folder, purpose)) : chosen.filePaths;
        return client.registerFiles(paths.map((path) => ({ purpose, name: basename(path), source: { kind: 'path', path, owned: false } })));
      }),
    saveTarget: (input) =>
      answer(async () => {
        const { purpose, suggestedName } = parse('file.saveTarget', input);
        const options = { title: title(purpose), defaultPath: join(app.getPath('documents'), basename(suggestedName)), filters: filters(purpose) };
        const current = parent();
        const chosen = current ? await dialog.showSaveDialog(current, options) : await dialog.showSaveDialog(options);
        if (chosen.canceled || !chosen.filePath) return null;
        return client.saveTarget({ purpose, name: basename(chosen.filePath), where: { kind: 'path', path: chosen.filePath, owned: false } });
      }),
  };
}

function parse<M extends 'file.pick' | 'file.saveTarget'>(method: M, input: unknown) {
  const parsed = apiContract[method].input.safeParse(input ?? {});
  if (!parsed.success) throw new AppError('INVALID_INPUT', `(${method})`);
  return parsed.data as (typeof apiContract)[M]['input']['_output'];
}

async function answer(run: () => Promise<unknown>): Promise<ApiResponse<unknown>> {
  try {
    return { ok: true, result: await run() };
  } catch (error) {
    if (error instanceof ServicesFailure) return { ok: false, error: error.error };
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    return { ok: false, error: new AppError('FILE_UNREADABLE').toJSON() };
  }
}

function showOpen(window: BrowserWindow | null, options: OpenDialogOptions) {
  return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
}

function title(purpose: FilePurpose): string {
  const { en, ur } = FILE_PURPOSE_TITLES[purpose];
  return `${en} — ${ur}`;
}

function filters(purpose: FilePurpose): Electron.FileFilter[] | undefined {
  const extensions = fileExtensionsFor(purpose);
  return extensions.length > 0 ? [{ name: FILE_PURPOSE_TITLES[purpose].en, extensions }] : undefined;
}

/** The files of a purpose directly inside a folder the officer chose (a USB stick's bundles), in name order. */
function filesIn(folder: string, purpose: FilePurpose): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && fitsPurpose(purpose, entry.name))
      .map((entry) => join(folder, entry.name))
      .sort();
  } catch {
    throw new AppError('FILE_UNREADABLE', basename(folder));
  }
}
