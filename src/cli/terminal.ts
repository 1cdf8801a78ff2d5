import { AppError } from '../core/errors.js';

/** Reads all of standard input as text (case JSON is piped in). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a secret from the environment, else asks at the terminal without echoing it. */
export async function secretFromEnvOrPrompt(envName: string, prompt: string, confirm = false): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new AppError('NEED_PASSPHRASE', `(${envName})`);
  const first = await promptHidden(prompt);
  if (confirm && (await promptHidden('Type it again: ')) !== first) {
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
