import { randomBytes } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { ApiResponse, JobProgress, JobStatus } from '../core/api.js';
import { AppError } from '../core/errors.js';
import type { User } from '../core/users.js';
import { describeUnexpected, newErrorId, silentLog, type Logger, type UnexpectedError } from './diagnostics.js';
import type { JobInput, JobKind } from './job-kinds.js';
import { startModuleWorker } from './module-worker.js';
import type { Session } from './session.js';

/**
 * Long work as jobs (TEAM contract 3): a method starts one and answers `{ jobId }` at once; `job.status` and
 * `job.cancel` follow it.
 *
 * Each job runs in a thread of its own with a second connection to the register, rather than in the services
 * thread yielding between slices:
 * - Quick calls never wait behind it. A 5,000-case bundle writes in batches that each take tens of
 *   milliseconds of synchronous SQLite work, plus verification and hashing; sliced onto the services thread,
 *   every search typed meanwhile would queue behind whichever slice is running. On its own thread the job
 *   uses the second core and a search waits for nothing.
 * - Isolation comes from SQLite, not from care. A bundle is applied in one open transaction across many
 *   awaits. On the services thread's connection any call answered during that time would read the
 *   uncommitted rows, and a write (a district note, a match decision) would join the bundle's transaction and
 *   be rolled back with it on cancel. A second connection on the WAL register reads the last committed state,
 *   and a write from the services thread waits (busy_timeout) for the bundle's commit, under a second.
 * The price: the data key is copied to the job thread (in memory, never on disk; zeroed when the job's
 * connection closes), and one job at a time per register (a second would only wait for the write lock).
 */
export type JobSetup = {
  jobId: string;
  kind: JobKind;
  input: unknown;
  registerPath: string;
  dataKey: Uint8Array;
  user: User;
  storeOptions: JobStoreOptions;
};
/** What of StoreOptions can cross to a thread (a clock is a function and cannot: jobs use the system clock). */
export type JobStoreOptions = { migrationsFolder?: string; scrypt?: { N: number; r: number; p: number } };

export type ToJob = { type: 'cancel' };
export type FromJob =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; result: unknown }
  | { type: 'cancelled'; partial?: unknown }
  | { type: 'failed'; error: Extract<ApiResponse<unknown>, { ok: false }>['error'] }
  | { type: 'failed'; unexpected: UnexpectedError };

type JobRecord = { status: JobStatus; userId: string; worker: Worker | null; started: number; exited: Promise<void> };

/** Finished jobs kept for job.status (the newest), so a page that polls late still learns how it ended. */
const KEEP_FINISHED = 20;
/**
 * How long a cancelled job may take to stop by itself (it checks between batches, so normally well under a
 * second; a thread still starting up under tsx takes a few) before its thread is stopped outright.
 */
const STOP_GRACE_MS = 30_000;

export class JobRunner {
  private readonly jobs = new Map<string, JobRecord>();

  constructor(
    private readonly storeOptions: JobStoreOptions,
    private readonly log: Logger = silentLog,
  ) {}

  start<K extends JobKind>(kind: K, input: JobInput<K>, session: Session, summary: Record<string, number> = {}): { jobId: string } {
    if (this.running().length > 0) throw new AppError('JOB_BUSY');
    const jobId = `j_${randomBytes(12).toString('base64url')}`;
    const dataKey = session.register.dataKeyForSecondConnection();
    const setup: JobSetup = { jobId, kind, input, registerPath: session.register.path, dataKey, user: session.user, storeOptions: this.storeOptions };
    const worker = startModuleWorker('job.worker', import.meta.url, { workerData: setup, transferList: [dataKey.buffer as ArrayBuffer] });
    const record: JobRecord = {
      status: { jobId, kind, state: 'running', progress: { step: 0, of: 0, done: 0 }, startedAt: new Date().toISOString() },
      userId: session.user.id,
      worker,
      started: performance.now(),
      exited: new Promise((resolve) => worker.once('exit', () => resolve())),
    };
    this.jobs.set(jobId, record);
    worker.on('message', (message: FromJob) => this.receive(record, message));
    worker.on('error', (error) => this.fail(record, describeUnexpected(error)));
    worker.once('exit', () => {
      record.worker = null;
      if (record.status.state !== 'running') return;
      // Stopped outright after a cancel: SQLite discards its open transaction, so this is a cancel too (only
      // the list of files it finished is lost).
      if (record.status.cancelRequested) this.finish(record, 'cancelled', {});
      else this.fail(record, { errorClass: 'JobThreadExited', frames: [] });
    });
    this.log.write('info', 'job.start', { jobId, kind, ...summary });
    this.forgetOld();
    return { jobId };
  }

  status(jobId: string, userId: string): JobStatus {
    const record = this.jobs.get(jobId);
    // Another user's job is not theirs to see (its reports name stations and files).
    if (!record || record.userId !== userId) throw new AppError('NOT_FOUND', '(no such job: it may have finished long ago, or the app was restarted)');
    return structuredClone(record.status);
  }

  cancel(jobId: string, userId: string): JobStatus {
    const status = this.status(jobId, userId);
    const record = this.jobs.get(jobId)!;
    if (status.state === 'running' && record.worker) {
      record.worker.postMessage({ type: 'cancel' } satisfies ToJob);
      record.status.cancelRequested = true;
      this.log.write('info', 'job.cancel', { jobId, kind: status.kind });
    }
    return this.status(jobId, userId);
  }

  running(): JobRecord[] {
    return [...this.jobs.values()].filter((record) => record.status.state === 'running');
  }

  /**
   * Cancels every running job (the register is locking or closing): each rolls back what it had in flight.
   * A thread that does not end within the grace period is stopped; SQLite then discards its open transaction.
   */
  async stopAll(): Promise<void> {
    const running = this.running();
    for (const record of running) {
      record.worker?.postMessage({ type: 'cancel' } satisfies ToJob);
      record.status.cancelRequested = true;
    }
    await Promise.all(
      running.map(async (record) => {
        const timer = setTimeout(() => void record.worker?.terminate(), STOP_GRACE_MS);
        await record.exited;
        clearTimeout(timer);
      }),
    );
  }

  private receive(record: JobRecord, message: FromJob): void {
    const { status } = record;
    if (status.state !== 'running') return;
    if (message.type === 'progress') {
      status.progress = message.progress;
      return;
    }
    if (message.type === 'done') this.finish(record, 'done', { result: message.result });
    else if (message.type === 'cancelled') this.finish(record, 'cancelled', message.partial === undefined ? {} : { result: message.partial });
    else if ('unexpected' in message) this.fail(record, message.unexpected);
    else this.finish(record, 'failed', { error: message.error });
  }

  /** A failure nobody foresaw: logged with its cause under an id, which the officer sees. */
  private fail(record: JobRecord, cause: UnexpectedError): void {
    if (record.status.state !== 'running') return;
    const errorId = newErrorId();
    this.log.write('error', 'job.unexpected', { jobId: record.status.jobId, kind: record.status.kind, errorId, cause });
    this.finish(record, 'failed', { error: new AppError('INTERNAL', undefined, { errorId }).toJSON() });
  }

  private finish(record: JobRecord, state: 'done' | 'failed' | 'cancelled', fields: Pick<JobStatus, 'result' | 'error'>): void {
    Object.assign(record.status, { state, finishedAt: new Date().toISOString(), ...fields });
    const { jobId, kind, progress, error } = record.status;
    this.log.write(state === 'failed' ? 'warn' : 'info', `job.${state}`, {
      jobId,
      kind,
      ms: Math.round(performance.now() - record.started),
      steps: progress.step,
      done: progress.done,
      ...(error ? { code: error.code, errorId: error.errorId } : {}),
    });
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((record) => record.status.state !== 'running');
    for (const record of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(record.status.jobId);
  }
}
