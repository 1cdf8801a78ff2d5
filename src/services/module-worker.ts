import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a thread from a module beside the caller (`from` is the caller's import.meta.url). In built code
 * electron-vite emits each thread as its own entry next to main's index.js (.config/electron.vite.config.ts),
 * and every chunk sits in that same folder, so `./name.js` beside any built module is the thread's file. Under
 * tsx (the dev server, the CLI, vitest, the bench) the caller is a .ts source and the thread must load tsx
 * before its own source. The same approach as src/bundle/change-reader.ts (which bundle code cannot import
 * from services).
 * A variable, not a literal, in `new URL`: Vite would otherwise try to bundle the thread as an asset.
 */
export function startModuleWorker(name: string, from: string, options: WorkerOptions = {}): Worker {
  const fromSource = from.endsWith('.ts');
  const file = `./${name}${fromSource ? '.ts' : '.js'}`;
  const url = new URL(file, from);
  if (!fromSource) return new Worker(url, options);
  // Resolved here, not in the thread: an eval'd thread resolves packages from the current folder, and the
  // process may have been started from anywhere. The tsconfig is named for the same reason.
  const tsx = import.meta.resolve('tsx/esm/api');
  const tsconfig = new URL('../../tsconfig.json', import.meta.url);
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register({ tsconfig: require('node:url').fileURLToPath(${JSON.stringify(tsconfig.href)}) }); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
