// The bundle reader's thread (started by change-reader.ts): for each bundle the writer names, decrypts,
// unpacks and checks its change lines and sends them back prepared, a batch at a time, never more than a few
// batches ahead of the writer.
import { parentPort, workerData } from 'node:worker_threads';
import { BundleError, openBundle } from './bundle-file.js';
import type { ChangeReaderJob, ReaderMessage, ReaderSetup, WriterMessage } from './change-reader.js';
import { preparedBatches, type PreparedBatch } from './prepared-changes.js';

/** Enough to keep the writer busy through a commit, little enough to keep memory flat (about 8,000 lines). */
const BATCHES_AHEAD = 16;

const port = parentPort!;
const { identity } = workerData as ReaderSetup;
let credits = 0;
let creditArrived: (() => void) | null = null;

port.on('message', (message: WriterMessage) => {
  if (message.type === 'read') {
    credits = BATCHES_AHEAD;
    void readOne(message.job);
  } else {
    credits++;
    creditArrived?.();
  }
});

function post(message: ReaderMessage): void {
  port.postMessage(message);
}

async function send(batch: PreparedBatch): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (creditArrived = resolve));
  creditArrived = null;
  credits--;
  post({ type: 'batch', batch });
}

async function readOne(job: ChangeReaderJob): Promise<void> {
  try {
    await read(job);
  } catch (error) {
    if (error instanceof BundleError) post({ type: 'refused', problem: error.problem, detail: error.detail });
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

async function read(job: ChangeReaderJob): Promise<void> {
  const opened = await openBundle(job.path, identity);
  try {
    // The writer verified this manifest; a file replaced since then is not the bundle it verified.
    if (opened.manifestSha256 !== job.manifestSha256) throw new BundleError('damaged', 'the file changed while it was being imported');
    opened.verifySignature(job.stationPublicKey);
    for await (const batch of preparedBatches(opened)) await send(batch);
    post({ type: 'end', fileSha256: opened.fileSha256() });
  } finally {
    opened.close();
  }
}
