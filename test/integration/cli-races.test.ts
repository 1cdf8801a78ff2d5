import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases } from '../../src/services/cases.js';
import { login } from '../../src/services/register.js';
import { generateCases } from '../support/generate-cases.js';
import { startCli } from '../support/cli.js';
import { newStation, PASSPHRASE, tempDir, testOptions } from '../support/register.js';

/**
 * Races between separate `childdesk` processes, as a tester ran them (issue 13): a passphrase change beside
 * wrong logins, and three bulk entries at once. Each process is the real CLI.
 */

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

function subdir(name: string): string {
  const path = join(dir, name);
  mkdirSync(path);
  return path;
}

describe('childdesk processes at the same time', () => {
  it('a passphrase change survives wrong logins running in other processes', async () => {
    const station = await newStation(subdir('passwd'));
    station.session.register.close();
    const db = station.path;
    const runs = [
      startCli(['user', 'passwd', '--db', db, '--user', 'incharge'], { env: { CHILDDESK_NEW_PASSPHRASE: 'changed while others guess' } }),
      ...[1, 2, 3].map((i) => startCli(['case', 'list', '--db', db, '--user', `ghost${i}`], { env: { CHILDDESK_PASSPHRASE: 'a wrong guess here' } })),
    ];
    const [passwd, ...wrong] = await Promise.all(runs.map((r) => r.done));
    expect(passwd!.code, passwd!.stderr).toBe(0);
    for (const run of wrong) expect(run.stderr).toMatch(/Wrong user name or passphrase/);
    const after = await login(db, 'incharge', 'changed while others guess', testOptions());
    after.register.close();
    await expect(login(db, 'incharge', PASSPHRASE, testOptions())).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  it('three bulk entries at once all succeed (each waits its turn to write), and nothing is counted twice', async () => {
    const station = await newStation(subdir('bulk'));
    station.session.register.close();
    const batches = [1, 2, 3].map((seed) => generateCases(1500, seed));
    const runs = batches.map((batch) => startCli(['case', 'add', '--db', station.path, '--json'], { stdin: JSON.stringify(batch) }));
    const results = await Promise.all(runs.map((r) => r.done));
    for (const run of results) {
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toHaveLength(1500);
    }
    const check = await login(station.path, 'incharge', PASSPHRASE, testOptions());
    expect(listCases(check, { limit: 500 })).toHaveLength(500);
    expect(check.register.db.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(4500);
    expect(check.register.db.sqlite.prepare('SELECT count(DISTINCT case_number) FROM cases').pluck().get()).toBe(4500);
    expect(check.register.audit.verify().ok).toBe(true);
    check.register.close();
  });
});
