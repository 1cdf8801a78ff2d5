import type { ApiResponse, SessionInfo } from '../core/api.js';
import type { ErrorCode } from '../core/errors.js';
import type { PickedFile, SaveTarget } from '../core/files.js';
import type { FileRegistration, TargetRegistration, WrittenOutput } from './file-registry.js';
import type { JobStoreOptions } from './jobs.js';

/**
 * The messages between a ServicesClient (Electron main, the dev server) and its services thread. `call` is
 * the page's one door; every other request is the shell's own (status and lock for the idle timer, files the
 * shell registers after a dialog or an upload) and never reachable from the page.
 */
export type ServicesSetup = {
  registerPath: string;
  autoLockMs?: number;
  storeOptions?: JobStoreOptions;
  /** The diagnostics log file (diagnostics.ts); none: nothing is logged. */
  logFile?: string;
  /** The shell can print HTML to PDF (a PdfPrinter given to the ServicesClient): the thread asks it with `print`. */
  printing?: boolean;
};

export type ServicesRequest =
  | { op: 'call'; method: unknown; input: unknown }
  | { op: 'status' }
  | { op: 'lock' }
  | { op: 'files.register'; files: FileRegistration[] }
  | { op: 'files.target'; target: TargetRegistration }
  | { op: 'files.output'; handle: string }
  | { op: 'close' };

/** What each request answers. */
export type ServicesAnswer = {
  call: ApiResponse<unknown>;
  status: SessionInfo;
  /** Whether the register was open (the shell then shows its lock screen). */
  lock: boolean;
  'files.register': PickedFile[];
  'files.target': SaveTarget;
  'files.output': WrittenOutput;
  close: true;
};

/**
 * The one request that goes the other way: the thread asks the shell to print a document to PDF (Save as PDF),
 * because the printer belongs to the shell (Electron's own Chromium lives on main's thread). The shell answers
 * with a `printed` message carrying the same id.
 */
export type PrintRequest = { type: 'print'; printId: number; html: string };
export type PrintAnswer =
  | { type: 'printed'; printId: number; ok: true; pdf: Uint8Array; pages: number }
  | { type: 'printed'; printId: number; ok: false; failure: PrintFailure };
/** Why a print failed, as the thread rebuilds the AppError: its code and safe detail (the cause stays in the shell's log). */
export type PrintFailure = { code: ErrorCode; detail?: string; errorId?: string };

export type ToServices = { id: number; request: ServicesRequest } | PrintAnswer;
export type FromServices =
  | { type: 'ready' }
  | PrintRequest
  | { type: 'answer'; id: number; ok: true; value: unknown }
  | { type: 'answer'; id: number; ok: false; error: Extract<ApiResponse<unknown>, { ok: false }>['error'] };
