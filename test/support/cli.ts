import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/terminal.js';
import { PASSPHRASE } from './register.js';

/**
 * The `childdesk` command for tests. `childdesk()` runs it in this process through `run(argv, io)` with its own
 * stdin, environment and working folder (no process start, no loaded machine timing out); `childdeskProcess()`
 * starts the real command (src/cli/bin.mjs, the built CLI) for the few tests that are about the process itself:
 * exit codes, stderr, working folder, start from a clean environment.
 */
export const BIN = fileURLToPath(new URL('../../src/cli/bin.mjs', import.meta.url));

// CLI output is checked field by field in each test, so its JSON is loosely typed here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CliRun = { code: number | null; stdout: string; stderr: string; json: () => any };

export type CliOptions = {
  stdin?: string;
  /** Environment of the command: CHILDDESK_PASSPHRASE is the test passphrase unless given (undefined: unset). */
  env?: Record<string, string | undefined>;
  cwd?: string;
};

/** The command's environment: only what the test names (never this process's CHILDDESK_* settings). */
function environment(env: CliOptions['env'] = {}): Record<string, string | undefined> {
  return { CHILDDESK_PASSPHRASE: PASSPHRASE, ...env };
}

export async function childdesk(args: string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    readAll: async () => options.stdin ?? '',
    env: environment(options.env),
    cwd: options.cwd ?? process.cwd(),
    errIsTerminal: false,
    promptHidden: null,
  };
  const code = await run(args, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

export function childdeskProcess(args: string[], options: CliOptions = {}): CliRun {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CHILDDESK_')));
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.stdin ?? '',
    encoding: 'utf8',
    env: { ...inherited, ...environment(options.env) } as NodeJS.ProcessEnv,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) };
}
