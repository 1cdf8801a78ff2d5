import type { ApiResponse, SessionInfo } from '../core/api.js';
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
  /** The shell prints PDFs for the services (Electron's own Chromium needs main's thread): ask it over `print`. */
  shellPrints?: boolean;
};

/**
 * What prints self-contained HTML to PDF for the services. The desktop app's printer is a hidden window of its
 * own Chromium, which only main's thread can drive; the services thread reaches it through the client.
 */
export type ShellPrinter = {
  print(html: string, options?: { checkLayout?: boolean }): Promise<{ pdf: Uint8Array; pages: number; layout: unknown }>;
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

type ErrorJson = Extract<ApiResponse<unknown>, { ok: false }>['error'];

export type ToServices =
  | { id: number; request: ServicesRequest }
  /** The shell's answer to a `print` the services asked for. */
  | { printed: number; ok: true; result: Awaited<ReturnType<ShellPrinter['print']>> }
  | { printed: number; ok: false; error: ErrorJson };
export type FromServices =
  | { type: 'ready' }
  | { type: 'print'; id: number; html: string; options?: { checkLayout?: boolean } }
  | { type: 'answer'; id: number; ok: true; value: unknown }
  | { type: 'answer'; id: number; ok: false; error: Extract<ApiResponse<unknown>, { ok: false }>['error'] };
