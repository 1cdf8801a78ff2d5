import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { ApiResponse, SessionInfo } from '../core/api.js';
import { AppError, isAppError } from '../core/errors.js';
import type { PickedFile, SaveTarget } from '../core/files.js';
import { describeUnexpected, newErrorId, RotatingLog, silentLog, type Logger, type UnexpectedError } from './diagnostics.js';
import type { FileRegistration, TargetRegistration, WrittenOutput } from './file-registry.js';
import type { FromServices, ServicesAnswer, ServicesRequest, ServicesSetup, ShellPrinter, ToServices } from './host-protocol.js';
import { startModuleWorker } from './module-worker.js';

type ErrorJson = Extract<ApiResponse<unknown>, { ok: false }>['error'];
type Pending = { resolve: (value: unknown) => void; reject: (error: ErrorJson) => void };

/** A thread that keeps dying is not restarted for ever: after this many deaths in this window, calls fail plainly. */
const RESTARTS = { deaths: 3, withinMs: 60_000 };

/**
 * The shell's side of the services thread (Electron main, the dev server): the same `call(method, input)` door
 * as ApiHost, answered by an ApiHost in a worker thread (services.worker.ts), so nothing the register does runs
 * on the thread that serves the window. Signal Desktop runs its SQL in worker threads the same way; Actual
 * Budget runs its server in a separate process.
 *
 * Requests are answered in order. If the thread dies, every request in flight answers SERVICES_STOPPED with an
 * error id (the cause is logged under it), and the next request starts a fresh thread: the register is then
 * locked, as after any restart. A thread that dies three times in a minute is not restarted again.
 */
export class ServicesClient {
  private worker: Worker | null = null;
  private booting: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private lastId = 0;
  private deaths: number[] = [];
  private gaveUp = false;
  private closing = false;
  private readonly log: Logger;

  private readonly setup: ServicesSetup;

  /** `printer`: what prints PDFs for the services, on this thread (the desktop app's own Chromium). */
  constructor(
    setup: Omit<ServicesSetup, 'shellPrints'>,
    private readonly printer?: ShellPrinter,
  ) {
    this.setup = { ...setup, shellPrints: printer !== undefined };
    this.log = setup.logFile ? new RotatingLog(setup.logFile) : silentLog;
  }

  /** A client whose thread is up (a thread that cannot start at all fails here, not at the first call). */
  static async start(setup: Omit<ServicesSetup, 'shellPrints'>, printer?: ShellPrinter): Promise<ServicesClient> {
    const client = new ServicesClient(setup, printer);
    await client.boot();
    return client;
  }

  get registerPath(): string {
    return this.setup.registerPath;
  }

  /** The page's one door: never throws; a dead thread answers a typed error like any other failure. */
  async call(method: unknown, input: unknown): Promise<ApiResponse<unknown>> {
    try {
      return await this.request({ op: 'call', method, input });
    } catch (error) {
      return { ok: false, error: error as ErrorJson };
    }
  }

  /** For the shell's idle timer: whether the register is open (does not count as activity, like ApiHost.status). */
  async status(): Promise<SessionInfo> {
    try {
      return await this.request({ op: 'status' });
    } catch {
      return existsSync(this.setup.registerPath) ? { state: 'locked' } : { state: 'no_register' };
    }
  }

  /** Locks the register; answers whether it was open (so the shell knows to show its lock screen). */
  async lock(): Promise<boolean> {
    if (!this.worker) return false;
    try {
      return await this.request({ op: 'lock' });
    } catch {
      return false;
    }
  }

  /** Files the officer picked (after a native dialog or an upload). Throws ServicesFailure (too large, unreadable). */
  async registerFiles(files: FileRegistration[]): Promise<PickedFile[]> {
    return this.requestOrThrow({ op: 'files.register', files });
  }

  async saveTarget(target: TargetRegistration): Promise<SaveTarget> {
    return this.requestOrThrow({ op: 'files.target', target });
  }

  /** What a service wrote to a save target (the dev server's download). */
  async output(handle: string): Promise<WrittenOutput> {
    return this.requestOrThrow({ op: 'files.output', handle });
  }

  /** Locks, lets running jobs roll back, and ends the thread. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    await this.request({ op: 'close' }).catch(() => {});
    // Its port is closed once it answered; a thread still busy after that is stopped.
    const timer = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private async requestOrThrow<O extends ServicesRequest['op']>(request: Extract<ServicesRequest, { op: O }>): Promise<ServicesAnswer[O]> {
    try {
      return await this.request(request);
    } catch (error) {
      throw new ServicesFailure(error as ErrorJson);
    }
  }

  private async request<O extends ServicesRequest['op']>(request: Extract<ServicesRequest, { op: O }>): Promise<ServicesAnswer[O]> {
    if (this.closing && request.op !== 'close') throw new AppError('SERVICES_STOPPED', '(the app is closing)').toJSON();
    await this.boot();
    const worker = this.worker!;
    const id = ++this.lastId;
    return new Promise<ServicesAnswer[O]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, request } satisfies ToServices);
    });
  }

  /** Starts the thread if none is running, and waits until it is ready to answer. */
  private boot(): Promise<void> {
    if (this.worker) return this.booting ?? Promise.resolve();
    if (this.gaveUp) return Promise.reject(new AppError('SERVICES_STOPPED', '(it stopped several times; close and reopen the app)').toJSON());
    const worker = startModuleWorker('services.worker', import.meta.url, { workerData: this.setup });
    this.worker = worker;
    let cause: UnexpectedError | null = null;
    this.booting = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromServices) => {
        if (message.type === 'ready') {
          this.booting = null;
          resolve();
          return;
        }
        if (message.type === 'print') {
          void this.print(worker, message);
          return;
        }
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        if (message.ok) waiting.resolve(message.value);
        else waiting.reject(message.error);
      });
      worker.on('error', (error) => {
        cause = describeUnexpected(error);
      });
      worker.once('exit', (exitCode) => {
        this.worker = null;
        this.booting = null;
        const stopped = this.stopped(exitCode, cause);
        reject(stopped);
      });
    });
    // A boot failure is answered to whoever waits for it; no unhandled rejection besides.
    this.booting.catch(() => {});
    return this.booting;
  }

  /** Prints for the services thread and answers it; a printer failure is a typed error there. */
  private async print(worker: Worker, request: Extract<FromServices, { type: 'print' }>): Promise<void> {
    let answer: ToServices;
    try {
      if (!this.printer) throw new AppError('NO_CHROMIUM', '(this program has no PDF printer)');
      answer = { printed: request.id, ok: true, result: await this.printer.print(request.html, request.options) };
    } catch (error) {
      let failure: AppError;
      if (isAppError(error)) failure = error;
      else {
        const errorId = newErrorId();
        this.log.write('error', 'print.unexpected', { errorId, cause: describeUnexpected(error) });
        failure = new AppError('PRINT_FAILED', undefined, { errorId });
      }
      answer = { printed: request.id, ok: false, error: failure.toJSON() };
    }
    // The thread may have died or been replaced meanwhile: then there is no one to answer.
    if (this.worker === worker) worker.postMessage(answer);
  }

  /** The thread ended: expected when closing; otherwise logged, and everything in flight answered. */
  private stopped(exitCode: number, cause: UnexpectedError | null): ErrorJson {
    if (this.closing) {
      const closed = new AppError('SERVICES_STOPPED', '(the app is closing)').toJSON();
      this.failPending(closed);
      return closed;
    }
    const errorId = newErrorId();
    const now = Date.now();
    this.deaths = [...this.deaths.filter((at) => now - at < RESTARTS.withinMs), now];
    this.gaveUp = this.deaths.length >= RESTARTS.deaths;
    this.log.write('error', 'services.stopped', { errorId, exitCode, inFlight: this.pending.size, restarting: !this.gaveUp, ...(cause ? { cause } : {}) });
    const failure = new AppError('SERVICES_STOPPED', undefined, { errorId }).toJSON();
    this.failPending(failure);
    return failure;
  }

  private failPending(error: ErrorJson): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** A typed failure the services thread answered to one of the shell's own requests, as it would go to the page. */
export class ServicesFailure extends Error {
  constructor(readonly error: ErrorJson) {
    super(error.message);
    this.name = 'ServicesFailure';
  }
}
