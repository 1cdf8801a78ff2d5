/**
 * `npm run dev:web [-- --db FILE] [--static out/renderer] [--port N] [--log-dir DIR]`: the real UI in any Chromium, over the
 * same services as the desktop app. Development and tests only; never shipped.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDevServer } from './server.js';

const { values } = parseArgs({
  options: { db: { type: 'string' }, static: { type: 'string' }, port: { type: 'string' }, 'log-dir': { type: 'string' } },
});
const registerPath = resolve(values.db ?? 'station.db');
const server = await startDevServer({
  registerPath,
  staticDir: values.static ? resolve(values.static) : undefined,
  port: values.port ? Number(values.port) : 5173,
  storeOptions: { autoLockMs: 10 * 60_000 },
  logDir: values['log-dir'] ? resolve(values['log-dir']) : undefined,
});
console.log(`Child Help Desk (development) for ${registerPath}`);
console.log(`Open ${server.url} in Chromium. Ctrl+C stops. Diagnostics log: ${server.logFile}`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
