import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PASSPHRASE } from './register.js';

/**
 * The one way tests start the `childdesk` command as its own process. Everything that runs the CLI (the fault
 * suite, the race reproductions) goes through `cliCommand`, so when the CLI is run another way (built
 * JavaScript instead of the TypeScript sources through tsx) only this function changes.
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

export type CliRun = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Runs the CLI to its end (blocking). */
export function runCli(args: readonly string[], options: { stdin?: string | Buffer; env?: CliEnv; cwd?: string } = {}): CliRun {
  const { command, args: argv } = cliCommand(args);
  const result = spawnSync(command, argv, { input: options.stdin ?? '', encoding: 'utf8', env: cliEnv(options.env), cwd: options.cwd, maxBuffer: 256 * 1024 * 1024 });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI without waiting: for running several at once, or killing one part-way. */
export function startCli(args: readonly string[], options: { stdin?: string | Buffer; env?: CliEnv; cwd?: string } = {}): { child: ChildProcess; done: Promise<CliRun> } {
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
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}
