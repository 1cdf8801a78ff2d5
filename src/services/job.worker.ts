// A job thread (started by jobs.ts): opens its own connection to the register, runs one long task, reports
// its progress a few times a second, stops between batches when asked, and ends.
import { parentPort, workerData } from 'node:worker_threads';
import type { JobProgress } from '../core/api.js';
import { isAppError } from '../core/errors.js';
import { openRegisterWithDataKey, type Register } from '../store/register.js';
import { describeUnexpected } from './diagnostics.js';
import { JOB_KINDS, JobStopped } from './job-kinds.js';
import type { FromJob, JobSetup, ToJob } from './jobs.js';

/** Often enough for a smooth bar, rarely enough not to flood the services thread during a 5,000-case bundle. */
const PROGRESS_EVERY_MS = 200;

const port = parentPort!;
const setup = workerData as JobSetup;
const controller = new AbortController();
port.on('message', (message: ToJob) => {
  if (message.type === 'cancel') controller.abort();
});

const post = (message: FromJob) => port.postMessage(message);

/** Sends a new step at once, and otherwise the latest progress at most every PROGRESS_EVERY_MS. */
function progressReporter() {
  let sentAt = 0;
  let sentStep = -1;
  let latest: JobProgress | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    if (!latest) return;
    post({ type: 'progress', progress: latest });
    sentAt = Date.now();
    sentStep = latest.step;
    latest = null;
  };
  return {
    report(progress: JobProgress) {
      latest = progress;
      if (progress.step !== sentStep || Date.now() - sentAt >= PROGRESS_EVERY_MS) flush();
      else timer ??= setTimeout(flush, PROGRESS_EVERY_MS);
    },
    end() {
      if (timer) clearTimeout(timer);
      flush();
    },
  };
}

async function run(): Promise<void> {
  let register: Register | null = null;
  const progress = progressReporter();
  try {
    const key = setup.dataKey;
    register = openRegisterWithDataKey(setup.registerPath, Buffer.from(key.buffer, key.byteOffset, key.byteLength), setup.storeOptions);
    const task = JOB_KINDS[setup.kind] as (session: unknown, input: unknown, control: unknown) => Promise<unknown>;
    const result = await task({ register, user: setup.user }, setup.input, { signal: controller.signal, progress: progress.report });
    progress.end();
    post({ type: 'done', result });
  } catch (error) {
    progress.end();
    if (error instanceof JobStopped) post({ type: 'cancelled', partial: error.partial });
    else if (isAppError(error)) post({ type: 'failed', error: error.toJSON() });
    else post({ type: 'failed', unexpected: describeUnexpected(error) });
  } finally {
    register?.close();
    setup.dataKey.fill(0);
  }
}

await run();
port.close();
