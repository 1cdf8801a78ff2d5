// Whether the built CLI (out/cli) is older than its sources, and rebuilding it when it is. Plain JavaScript: it
// runs before any TypeScript can. Types for the tests are in freshness.d.mts.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_OUT = fileURLToPath(new URL('../../out/cli/', import.meta.url));
export const CLI_CONFIG = fileURLToPath(new URL('../../.config/vite.cli.config.ts', import.meta.url));

/** The build's record (written by .config/runtime-files.ts): when it started and which repository files fed it. */
export function readBuildInfo(outDir) {
  try {
    const info = JSON.parse(readFileSync(`${outDir}/build-info.json`, 'utf8'));
    return typeof info.builtAt === 'number' && Array.isArray(info.inputs) ? info : null;
  } catch {
    return null;
  }
}

/** The inputs changed (or gone) since the build started; `mtimeOf` returns a file's mtime in ms, or null. */
export function staleInputs(info, mtimeOf) {
  return info.inputs.filter((input) => {
    const mtime = mtimeOf(input);
    return mtime === null || mtime > info.builtAt;
  });
}

function mtimeIn(root) {
  return (input) => {
    try {
      return statSync(`${root}/${input}`).mtimeMs;
    } catch {
      return null;
    }
  };
}

/** Why the build cannot be run as it is, or null when it is current. */
export function staleness(outDir = CLI_OUT, root = ROOT) {
  const info = readBuildInfo(outDir);
  if (!info) return 'the command is not built yet';
  const stale = staleInputs(info, mtimeIn(root));
  if (stale.length === 0) return null;
  return `${stale[0]}${stale.length > 1 ? ` and ${stale.length - 1} more file(s)` : ''} changed since the command was built`;
}

/** Builds out/cli with the CLI's Vite config (a development dependency: present in any checkout after npm ci). */
export async function buildCli() {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    throw new Error('cannot rebuild the command: Vite is not installed. Run `npm ci` in the repository.');
  }
  await vite.build({ configFile: CLI_CONFIG, logLevel: 'warn' });
}

/** Rebuilds first when a source is newer than the build, saying so on stderr; returns the entry to import. */
export async function freshCliEntry({ outDir = CLI_OUT, root = ROOT, rebuild = buildCli, say = (text) => process.stderr.write(text) } = {}) {
  const reason = staleness(outDir, root);
  if (reason) {
    say(`childdesk: ${reason}; building it first (npm run build:cli)…\n`);
    await rebuild();
    const still = staleness(outDir, root);
    if (still) throw new Error(`the rebuilt command is still stale: ${still}`);
  }
  return new URL('childdesk.js', `file://${outDir.endsWith('/') ? outDir : `${outDir}/`}`).href;
}
