import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/terminal.js';
import { PASSPHRASE } from './register.js';

/**
 * The `childdesk` command for tests, two ways:
 * - `childdesk()` runs it in this process through `run(argv, io)`, with its own stdin, environment and working
 *   folder: no process start per command (on a loaded two-core machine those timed out). For every test that is
 *   about what a command does.
 * - `runCli()` / `startCli()` start the real command (src/cli/bin.mjs, which runs the built CLI in out/cli) as
 *   its own process: for tests about the process itself (exit codes, one line on stderr, working folder, no
 *   terminal) and for the fault suite and race reproductions, which kill or overlap processes. Everything that
 *   starts the process goes through `cliCommand`.
 */
export const CLI_ENTRY = fileURLToPath(new URL('../../src/cli/bin.mjs', import.meta.url));

export function cliCommand(args: readonly string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: [CLI_ENTRY, ...args] };
}

export type CliEnv = Record<string, string | undefined>;

/** The environment a test CLI runs with: the test passphrase, no acting user inherited from the shell. */
export function cliEnv(env: CliEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, CHILDDESK_PASSPHRASE: PASSPHRASE, CHILDDESK_USER: undefined, ...env };
}

// CLI output is checked field by field in each test, so its JSON is loosely typed here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CliRun = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; json: () => any };

type CliOptions = { stdin?: string | Buffer; env?: CliEnv; cwd?: string };

const withJson = (result: Omit<CliRun, 'json'>): CliRun => ({ ...result, json: () => JSON.parse(result.stdout) });

/** Runs the command in this process (its own io: nothing of this process's stdin, environment or folder). */
export async function childdesk(args: string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    readAll: async () => String(options.stdin ?? ''),
    env: { CHILDDESK_PASSPHRASE: PASSPHRASE, ...options.env },
    cwd: options.cwd ?? process.cwd(),
    errIsTerminal: false,
    promptHidden: null,
  };
  const code = await run(args, io);
  return withJson({ code, signal: null, stdout, stderr });
}

/** Runs the real command as its own process, to its end (blocking). */
export function runCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const { command, args: argv } = cliCommand(args);
  const result = spawnSync(command, argv, { input: options.stdin ?? '', encoding: 'utf8', env: cliEnv(options.env), cwd: options.cwd, maxBuffer: 256 * 1024 * 1024 });
  return withJson({ code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr });
}

/** Starts the CLI without waiting: for running several at once, or killing one part-way. */
export function startCli(args: readonly string[], options: CliOptions = {}): { child: ChildProcess; done: Promise<CliRun> } {
  const { command, args: argv } = cliCommand(args);
  const child = spawn(command, argv, { env: cliEnv(options.env), cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A child killed before it reads its input closes the pipe; that is expected here, not a test failure.
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(options.stdin ?? '');
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(withJson({ code, signal, stdout, stderr })));
  });
  return { child, done };
}
