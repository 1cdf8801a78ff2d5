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

/** The read in progress: how many more batches it may send, and whether the writer called it off. */
let current = { id: 0, credits: 0, cancelled: false };
let woken: (() => void) | null = null;

class Cancelled extends Error {}

port.on('message', (message: WriterMessage) => {
  if (message.type === 'read') {
    current = { id: message.id, credits: BATCHES_AHEAD, cancelled: false };
    void readOne(message.id, message.job);
    return;
  }
  if (message.id !== current.id) return;
  if (message.type === 'credit') current.credits++;
  else current.cancelled = true;
  woken?.();
});

async function send(id: number, batch: PreparedBatch): Promise<void> {
  while (current.credits === 0 && !current.cancelled) await new Promise<void>((resolve) => (woken = resolve));
  woken = null;
  if (current.cancelled) throw new Cancelled();
  current.credits--;
  port.postMessage({ id, type: 'batch', batch } satisfies ReaderMessage);
}

async function readOne(id: number, job: ChangeReaderJob): Promise<void> {
  const reply = (message: ReaderMessage) => port.postMessage(message);
  try {
    const fileSha256 = await read(id, job);
    reply({ id, type: 'end', fileSha256 });
  } catch (error) {
    if (error instanceof Cancelled) reply({ id, type: 'cancelled' });
    else if (error instanceof BundleError) reply({ id, type: 'refused', problem: error.problem, detail: error.detail });
    else reply({ id, type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

async function read(id: number, job: ChangeReaderJob): Promise<string | null> {
  const opened = await openBundle(job.path, identity);
  try {
    // The writer verified this manifest; a file replaced since then is not the bundle it verified.
    if (opened.manifestSha256 !== job.manifestSha256) throw new BundleError('damaged', 'the file changed while it was being imported');
    opened.verifySignature(job.stationPublicKey);
    for await (const batch of preparedBatches(opened)) await send(id, batch);
    return opened.fileSha256();
  } finally {
    opened.close();
  }
}
