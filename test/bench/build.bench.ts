/**
 * The command line's cold start and the desktop main bundle's size (issue 14, part B), each against a baseline
 * measured in this run: bare `node -e 0` for the start, and for the size the same file built from the commit
 * before the split (when main still reached playwright-core through the services).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type Bench, type BenchFigure } from './harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'src/cli/bin.mjs');
const RUNS = 15;
const TSX_RUNS = 5;
/** The last commit before part B: services/forms.ts imported playwright-core, and main imported the services. */
const BEFORE = '5cab8fe';
const MB = 1024 * 1024;

function spawnMs(args: string[], cwd = ROOT): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

/** Cold start of `childdesk case schema` and of bare node, interleaved so both see the same machine. */
function coldStart(): { node: number; cli: number; tsx: number } {
  spawnMs([BIN, 'case', 'schema']); // rebuilds out/cli first if a source is newer (not timed)
  const node: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(spawnMs(['-e', '0']));
    cli.push(spawnMs([BIN, 'case', 'schema'], tmpdir()));
  }
  // Before: the same command run from the TypeScript sources through tsx, as bin.mjs did.
  const tsx: number[] = [];
  const fromSources = "const { run } = await import('./src/cli/main.ts'); process.exitCode = await run(['case', 'schema'], { ...(await import('./src/cli/terminal.ts')).processIo(), out: () => {} });";
  for (let i = 0; i < TSX_RUNS; i++) tsx.push(spawnMs(['--import', 'tsx', '--input-type=module', '-e', fromSources]));
  return { node: median(node), cli: median(cli), tsx: median(tsx) };
}

const fileMb = (path: string) => statSync(path).size / MB;
const jsMb = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + fileMb(join(folder, f)), 0);

/** out/main/index.js as the commit before the split builds it, or null when that commit is not in this clone. */
function mainBeforeMb(): number | null {
  const dir = mkdtempSync(join(tmpdir(), 'childdesk-before-'));
  try {
    const archive = spawnSync('git', ['archive', '--format=tar', BEFORE], { cwd: ROOT, maxBuffer: 256 * MB });
    if (archive.status !== 0) return null;
    execFileSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--config', '.config/electron.vite.config.ts'], { cwd: dir, stdio: 'ignore' });
    return fileMb(join(dir, 'out/main/index.js'));
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(): Promise<BenchFigure[]> {
  const start = coldStart();
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
  const index = fileMb(join(ROOT, 'out/main/index.js'));
  const allMain = jsMb(join(ROOT, 'out/main'));
  const before = mainBeforeMb();
  const playwrightInMain = readdirSync(join(ROOT, 'out/main')).some((f) => f.endsWith('.js') && readFileSync(join(ROOT, 'out/main', f), 'utf8').includes('playwright-core'));
  return [
    {
      name: `childdesk case schema, cold start (median of ${RUNS})`,
      value: start.cli,
      unit: 'ms',
      goal: '<= 8x bare node',
      met: start.cli <= 8 * start.node,
      ratio: { against: `bare node -e 0 (${start.node.toFixed(0)} ms)`, value: start.cli / start.node },
    },
    {
      name: `the same from the TypeScript sources through tsx, as before (median of ${TSX_RUNS})`,
      value: start.tsx,
      unit: 'ms',
      ratio: { against: `bare node -e 0 (${start.node.toFixed(0)} ms)`, value: start.tsx / start.node },
    },
    {
      name: 'out/main/index.js',
      value: index,
      unit: 'MB',
      ...(before === null ? { note: `commit ${BEFORE} not in this clone: no before figure` } : { ratio: { against: `the same file built from ${BEFORE}, before the split (${before.toFixed(2)} MB)`, value: index / before } }),
    },
    {
      name: 'all of main\'s JavaScript (index.js, its threads and shared chunks)',
      value: allMain,
      unit: 'MB',
      goal: 'no playwright-core',
      met: !playwrightInMain,
      ...(before === null ? {} : { ratio: { against: `index.js before the split (${before.toFixed(2)} MB)`, value: allMain / before } }),
    },
  ];
}

export const bench: Bench = { name: 'Command line start and desktop main bundle', run };
