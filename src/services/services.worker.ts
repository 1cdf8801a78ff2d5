// The services thread (started by services-client.ts): the ApiHost, and with it the register connection, the
// file registry and the jobs, off the thread that runs Electron's main loop or the dev server's HTTP. Requests
// are answered in the order they come; `call`s may overlap where a service awaits.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { AppError, isAppError, type ErrorCode } from '../core/errors.js';
import { ApiHost } from './api-handlers.js';
import { describeUnexpected, newErrorId, RotatingLog, silentLog } from './diagnostics.js';
import type { FromServices, ServicesRequest, ServicesSetup, ShellPrinter, ToServices } from './host-protocol.js';

const port = parentPort!;
const setup = workerData as ServicesSetup;
const log = setup.logFile ? new RotatingLog(setup.logFile) : silentLog;

/** PDFs printed by the shell (Electron's own Chromium runs on main's thread): asked for, and answered, by message. */
const printing = new Map<number, { resolve: (result: Awaited<ReturnType<ShellPrinter['print']>>) => void; reject: (error: AppError) => void }>();
let lastPrint = 0;
const shellPrinter: ShellPrinter = {
  print: (html, options) =>
    new Promise((resolve, reject) => {
      const id = ++lastPrint;
      printing.set(id, { resolve, reject });
      port.postMessage({ type: 'print', id, html, options } satisfies FromServices);
    }),
};

const host = new ApiHost(setup.registerPath, { ...setup.storeOptions, autoLockMs: setup.autoLockMs, log, ...(setup.shellPrints ? { printer: shellPrinter } : {}) });

async function answer(request: ServicesRequest): Promise<unknown> {
  switch (request.op) {
    case 'call':
      return host.call(request.method, request.input);
    case 'status':
      return host.status();
    case 'lock': {
      const wasOpen = host.status().state === 'unlocked';
      host.lock();
      return wasOpen;
    }
    case 'files.register':
      return request.files.map((file) => host.files.register(file));
    case 'files.target':
      return host.files.target(request.target);
    case 'files.output':
      return host.files.output(request.handle);
    case 'close':
      await host.close();
      return true;
  }
}

port.on('message', (message: ToServices) => {
  if ('printed' in message) {
    const waiting = printing.get(message.printed);
    printing.delete(message.printed);
    if (message.ok) waiting?.resolve(message.result);
    else waiting?.reject(new AppError(message.error.code as ErrorCode, undefined, message.error.errorId ? { errorId: message.error.errorId } : {}));
    return;
  }
  const { id, request } = message;
  void answer(request).then(
    (value) => {
      port.postMessage({ type: 'answer', id, ok: true, value } satisfies FromServices);
      if (request.op === 'close') port.close();
    },
    (error: unknown) => {
      let failure: AppError;
      if (isAppError(error)) failure = error;
      else {
        const errorId = newErrorId();
        log.write('error', `${request.op}.unexpected`, { errorId, cause: describeUnexpected(error) });
        failure = new AppError('INTERNAL', undefined, { errorId });
      }
      port.postMessage({ type: 'answer', id, ok: false, error: failure.toJSON() } satisfies FromServices);
    },
  );
});

log.write('info', 'services.start', { threadId });
port.postMessage({ type: 'ready' } satisfies FromServices);
