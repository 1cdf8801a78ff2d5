import { Worker } from 'node:worker_threads';
import { BundleError, type BundleProblem, type OpenedBundle } from './bundle-file.js';
import { preparedBatches, type PreparedBatch } from './prepared-changes.js';

/**
 * Reads a verified bundle's change lines on a second thread while the caller writes them. Decrypting,
 * gunzipping, parsing and checking each case against the model cost as much as writing it to the encrypted
 * register; on one thread the district import took twice a bare upsert of the same rows, on two they overlap.
 * The thread opens the file again itself, so it checks that the manifest and signature are the ones the caller
 * verified before it sends a line.
 */
export type ChangeReaderJob = {
  path: string;
  manifestSha256: string;
  stationPublicKey: Uint8Array;
};

/** From the writer: start reading a bundle, take one more batch of it, or stop reading it. */
export type WriterMessage = { type: 'read'; id: number; job: ChangeReaderJob } | { type: 'credit'; id: number } | { type: 'cancel'; id: number };

export type ReaderMessage = { id: number } & (
  | { type: 'batch'; batch: PreparedBatch }
  | { type: 'end'; fileSha256: string | null }
  | { type: 'refused'; problem: BundleProblem; detail: string }
  | { type: 'failed'; message: string }
  | { type: 'cancelled' }
);

/** Given to the thread once. The district's age identity (its private key) stays in this process. */
export type ReaderSetup = { identity: string };

/**
 * The worker's file beside this one. Under tsx (the CLI, tests, bench) that is the TypeScript source, loaded
 * through tsx's loader; in built code electron-vite emits it as its own entry next to main's index.js
 * (test/integration/built-bundle-reader.test.ts runs that file).
 * A variable, not a literal, in `new URL`: Vite would otherwise try to bundle the worker as an asset.
 */
function startWorker(setup: ReaderSetup): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fromSource ? './change-reader.worker.ts' : './change-reader.worker.js';
  const url = new URL(file, import.meta.url);
  if (!fromSource) return new Worker(url, { workerData: setup });
  // Resolved here, not in the thread: an eval'd thread resolves packages from the current folder, and the CLI
  // may be run from anywhere. The tsconfig is named for the same reason (see src/cli/bin.mjs).
  const tsx = import.meta.resolve('tsx/esm/api');
  const tsconfig = new URL('../../tsconfig.json', import.meta.url);
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register({ tsconfig: require('node:url').fileURLToPath(${JSON.stringify(tsconfig.href)}) }); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/** Below this many lines a bundle is read on the calling thread: starting a thread costs more than that. */
export const THREAD_FROM_LINES = 2_000;

/**
 * One reading thread for a run of bundles, started when the first large bundle comes, reading one bundle at a
 * time. While the writer commits a bundle the thread may already read the next one (prefetch); the writer then
 * takes those lines if it decides to apply that bundle, or the read is cancelled. `close()` it when done: a
 * live thread keeps the process running.
 */
export class ChangeReader {
  private worker: Worker | null = null;
  private inbox: ReaderMessage[] = [];
  private wake: (() => void) | null = null;
  private stopped: Error | null = null;
  private running: { id: number; job: ChangeReaderJob } | null = null;
  private lastId = 0;
  private wholeFile: string | null = null;

  constructor(
    private readonly setup: ReaderSetup,
    private readonly threadFromLines = THREAD_FROM_LINES,
  ) {}

  /**
   * The lines of a bundle whose signature the caller verified (`opened`), prepared, in order. A refused line
   * throws BundleError. After the last batch, fileSha256() is known.
   */
  async *batches(path: string, opened: OpenedBundle, stationPublicKey: Uint8Array): AsyncGenerator<PreparedBatch> {
    this.wholeFile = null;
    if (!this.readsOnThread(opened)) {
      yield* preparedBatches(opened);
      this.wholeFile = opened.fileSha256();
      return;
    }
    const job = { path, manifestSha256: opened.manifestSha256, stationPublicKey };
    if (!this.running || !sameJob(this.running.job, job)) {
      await this.cancelRunning();
      this.start(job);
    }
    yield* this.consume();
  }

  /** Starts reading a bundle the caller will probably ask for next (verified the same way as for batches()). */
  prefetch(path: string, opened: OpenedBundle, stationPublicKey: Uint8Array): void {
    if (this.running || !this.readsOnThread(opened)) return;
    this.start({ path, manifestSha256: opened.manifestSha256, stationPublicKey });
  }

  /** The hash of the whole file as read, once batches() has ended. */
  fileSha256(): string | null {
    return this.wholeFile;
  }

  close(): void {
    if (this.worker) this.discard(this.worker);
  }

  /** Whether this bundle is large enough to be read on the thread (a smaller one is read by batches() here). */
  readsOnThread(opened: OpenedBundle): boolean {
    const { cases, auditEntries } = opened.manifest.changes;
    return cases + auditEntries >= this.threadFromLines;
  }

  private start(job: ChangeReaderJob): void {
    this.thread();
    this.running = { id: ++this.lastId, job };
    this.post({ type: 'read', id: this.running.id, job });
  }

  private async *consume(): AsyncGenerator<PreparedBatch> {
    const worker = this.worker!;
    let finished = false;
    try {
      for (;;) {
        const message = await this.next();
        if (message.type === 'batch') {
          this.post({ type: 'credit', id: message.id }); // the thread may prepare the next batch while this one is written
          yield message.batch;
          continue;
        }
        this.running = null;
        finished = true;
        if (message.type === 'end') {
          this.wholeFile = message.fileSha256;
          return;
        }
        if (message.type === 'refused') throw new BundleError(message.problem, message.detail);
        throw new Error(`The bundle reader failed: ${message.type === 'failed' ? message.message : 'it stopped reading'}`);
      }
    } finally {
      // Left mid-bundle (the writer failed): the thread may still be sending this bundle's lines. Drop it.
      if (!finished) this.discard(worker);
    }
  }

  /** Stops a prefetched read the writer does not want, and drops what it already sent. */
  private async cancelRunning(): Promise<void> {
    if (!this.running) return;
    this.post({ type: 'cancel', id: this.running.id });
    try {
      while ((await this.next()).type === 'batch');
    } catch {
      // The thread is gone; the next read starts another.
    }
    this.running = null;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.setup);
    this.inbox = [];
    this.stopped = null;
    worker.on('message', (message: ReaderMessage) => {
      this.inbox.push(message);
      this.wake?.();
    });
    const stop = (error: Error) => {
      if (this.worker !== worker) return;
      this.stopped ??= error;
      this.wake?.();
    };
    worker.on('error', stop);
    worker.on('exit', () => stop(new Error('the bundle reader stopped before the end of the bundle')));
    this.worker = worker;
    return worker;
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = null;
      this.running = null;
    }
    void worker.terminate();
  }

  private post(message: WriterMessage): void {
    this.worker?.postMessage(message);
  }

  /** The next message about the running read; those about a cancelled one are dropped. */
  private async next(): Promise<ReaderMessage> {
    for (;;) {
      while (this.inbox.length === 0) {
        if (this.stopped) throw this.stopped;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
      const message = this.inbox.shift()!;
      if (message.id === this.running?.id) return message;
    }
  }
}

function sameJob(a: ChangeReaderJob, b: ChangeReaderJob): boolean {
  return a.path === b.path && a.manifestSha256 === b.manifestSha256 && Buffer.from(a.stationPublicKey).equals(Buffer.from(b.stationPublicKey));
}
