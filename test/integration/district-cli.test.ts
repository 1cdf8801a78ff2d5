import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childdesk as runInProcess } from '../support/cli.js';
import { tempDir } from '../support/register.js';

let dir: string;
let cleanup: () => void;
const at = (name: string) => join(dir, name);

/** childdesk with the temporary folder as its working folder, so default file names land there. */
function childdesk(args: string[]) {
  return runInProcess(args, { cwd: dir });
}

const report = (...flags: string[]) => childdesk(['district', 'report', '--db', at('d.db'), '--month', '2026-11', ...flags]);

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  expect((await childdesk(['district', 'init', '--db', at('d.db'), '--district', 'Quetta City', '--user', 'cpu'])).code).toBe(0);
});
afterAll(() => cleanup());

describe('childdesk district report, the flags as the issue writes them', () => {
  it('--csv without --out writes the CSV to stdout', async () => {
    const run = await report('--csv');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.startsWith('\uFEFF')).toBe(true);
    expect(run.stdout).toContain('\r\n');
    expect(run.stdout.endsWith('\r\n\n')).toBe(false);
  });

  it('--html without --out writes the printable return to stdout', async () => {
    const run = await report('--html', '--lang', 'ur');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('dir="rtl"');
  });

  it('--xlsx without --out writes <district>-<month>.xlsx in the current folder and prints its path', async () => {
    const run = await report('--xlsx');
    expect(run.code, run.stderr).toBe(0);
    const file = at('Quetta-City-2026-11.xlsx');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    expect(run.stdout).toContain(file);
  });

  it('--pdf without --out writes <district>-<month>.pdf', async () => {
    const run = await report('--pdf');
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(at('Quetta-City-2026-11.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('refuses two formats at once with a usage error and writes nothing', async () => {
    const before = readdirSync(dir).sort();
    for (const flags of [['--csv', '--xlsx'], ['--json', '--pdf'], ['--xlsx', '--pdf', '--out', at('x.bin')]]) {
      const run = await report(...flags);
      expect(run.code, flags.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/one format/);
    }
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('district case show: a usage error without "show", not found for an unknown case', async () => {
    expect((await childdesk(['district', 'case', 'list', '--db', at('d.db')])).code).toBe(2);
    const missing = await childdesk(['district', 'case', 'show', '--db', at('d.db'), 'QTA01-2026-9999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No such record/);
  });
});
