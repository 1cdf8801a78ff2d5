import { AppError } from '../core/errors.js';

/**
 * Everything a command reads from or writes to its surroundings, so that `run(argv, io)` can be called in-process
 * (tests) as well as from the `childdesk` process (processIo). Commands never touch `process` themselves.
 */
export type CliIo = {
  /** Standard output and standard error: the text as given (a command's caller adds the final newline). */
  out: (text: string) => void;
  err: (text: string) => void;
  /** All of standard input as text (case JSON is piped in). */
  readAll: () => Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  /** The working folder: default output files land here. */
  cwd: string;
  /** Progress lines that rewrite themselves are for a person at a terminal only. */
  errIsTerminal: boolean;
  /** Asks for a secret without echoing it; null when there is no terminal to ask at. */
  promptHidden: ((prompt: string) => Promise<string>) | null;
};

/** The io of the `childdesk` process itself. */
export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    readAll: readStdin,
    env: process.env,
    cwd: process.cwd(),
    errIsTerminal: Boolean(process.stderr.isTTY),
    promptHidden: process.stdin.isTTY ? promptHidden : null,
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a secret from the environment, else asks at the terminal without echoing it. */
export async function secretFromEnvOrPrompt(io: CliIo, envName: string, prompt: string, confirm = false): Promise<string> {
  const fromEnv = io.env[envName];
  if (fromEnv) return fromEnv;
  if (!io.promptHidden) throw new AppError('NEED_PASSPHRASE', `(${envName})`);
  const first = await io.promptHidden(prompt);
  if (confirm && (await io.promptHidden('Type it again: ')) !== first) {
    throw new AppError('INVALID_INPUT', 'passphrase: the two entries differ');
  }
  return first;
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let typed = '';
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (keys: string) => {
      for (const key of keys) {
        if (key === '\r' || key === '\n') return finish(() => resolve(typed));
        if (key === '\u0003') return finish(() => reject(new AppError('USAGE', 'Cancelled.')));
        if (key === '\u007f' || key === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += key;
      }
    };
    const finish = (then: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      then();
    };
    stdin.on('data', onData);
  });
}
