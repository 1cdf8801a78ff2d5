import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childdesk, runCli, type CliRun } from '../support/cli.js';
import { juvenileCase, tempDir } from '../support/register.js';

let dir: string;
let cleanup: () => void;
let db: string;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'station.db');
});
afterAll(() => cleanup());

/** Every failing command: non-zero exit, one line on stderr, no stack trace. */
function expectOneLineError(run: CliRun, pattern: RegExp) {
  expect(run.code).not.toBe(0);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('childdesk CLI (in order: one station register through its life)', () => {
  let caseId: string;

  it('station init creates the register and prints the recovery key once', async () => {
    const run = await childdesk(['station', 'init', '--db', db, '--station-code', 'QTA01', '--station-name', 'Civil Lines', '--district', 'Quetta', '--user', 'incharge', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ stationCode: 'QTA01', user: 'incharge' });
    expect(run.json().recoveryKey).toMatch(/^([A-Z2-7]{5}-){10}[A-Z2-7]{5}$/);
  });

  it('case add reads a case on stdin and prints its id and case number', async () => {
    const run = await childdesk(['case', 'add', '--db', db, '--json'], { stdin: JSON.stringify(juvenileCase()) });
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ id: expect.any(String), caseNumber: 'QTA01-2026-0001' });
    caseId = run.json().id;
  });

  it('case add with a bad case names the field, writes nothing, exits non-zero', async () => {
    const bad = { ...juvenileCase(), child: { name: 'Secret Child', gender: 'boy', dateOfBirth: '31-12-2012' } };
    const run = await childdesk(['case', 'add', '--db', db, '--json'], { stdin: JSON.stringify(bad) });
    expectOneLineError(run, /child\.gender.*child\.dateOfBirth|child\.dateOfBirth.*child\.gender/);
    expect(run.stderr).not.toContain('Secret Child');
    expect(run.json().error.code).toBe('INVALID_INPUT');
    expect((await childdesk(['case', 'list', '--db', db, '--json'])).json()).toHaveLength(1);
  });

  it('case add refuses a misspelt field by name instead of dropping it, and writes nothing', async () => {
    const typo = { ...juvenileCase(), custody: { arestedAt: '2026-11-20T23:30:00+05:00' } };
    const run = await childdesk(['case', 'add', '--db', db, '--json'], { stdin: JSON.stringify(typo) });
    expectOneLineError(run, /custody\.arestedAt: is not a field here/);
    expect((await childdesk(['case', 'list', '--db', db, '--json'])).json()).toHaveLength(1);
  });

  it('case show returns the case with id, caseNumber, revision and the same fields', async () => {
    const shown = (await childdesk(['case', 'show', '--db', db, caseId, '--json'])).json();
    expect(shown).toMatchObject({ id: caseId, caseNumber: 'QTA01-2026-0001', revision: 1, category: 'in_conflict' });
    expect(shown.child).toMatchObject({ name: 'زینب بی بی', gender: 'female', claimedAge: 15 });
    expect(shown.custody.arrestedAt).toBe('2026-11-20T18:30:00.000Z');
  });

  it('case show includes the checklist with due times, states, basis and status', async () => {
    const shown = (await childdesk(['case', 'show', '--db', db, caseId, '--json'])).json();
    expect(shown.rulePackVersion).toBe('jjsa-2018.1');
    const a6 = shown.checklist.find((c: { ruleId: string }) => c.ruleId === 'A6');
    expect(a6).toEqual({ ruleId: 'A6', title: 'Produce before the court within 24 hours', dueAt: '2026-11-21T18:30:00.000Z', state: 'overdue', basis: 'Constitution Art.10(2)', status: 'text', statusNote: 'Text of Art.10(2); a JJSA-specific rule is unconfirmed.', why: expect.any(String) });
    expect(shown.checklist.map((c: { ruleId: string }) => c.ruleId)).toHaveLength(20);
  });

  it('checklist complete records a step with evidence; due lists what is left, most urgent first', async () => {
    const done = await childdesk(['checklist', 'complete', '--db', db, caseId, 'A2', '--done-at', '2026-11-21T00:15:00+05:00', '--evidence', JSON.stringify({ informedPerson: 'father', method: 'phone', informedAt: '2026-11-21T00:15:00+05:00' }), '--json']);
    expect(done.code).toBe(0);
    expect(done.json()).toMatchObject({ ruleId: 'A2', state: 'done' });
    expectOneLineError(await childdesk(['checklist', 'complete', '--db', db, caseId, 'A1', '--evidence', '{"ageEvidence":"guess"}']), /evidence\.ageEvidence/);
    const due = (await childdesk(['due', '--db', db, '--json'])).json();
    expect(due[0].state).toBe('overdue');
    expect(due.map((d: { ruleId: string }) => d.ruleId)).not.toContain('A2');
  });

  it('case update applies a partial case and raises the revision', async () => {
    const before = (await childdesk(['case', 'show', '--db', db, caseId, '--json'])).json().revision;
    const run = await childdesk(['case', 'update', '--db', db, caseId, '--json'], { stdin: JSON.stringify({ custody: { producedAt: '2026-11-21T11:00:00+05:00' } }) });
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ revision: before + 1, custody: { producedAt: '2026-11-21T06:00:00.000Z', place: 'observation_home' } });
  });

  it('case list --search finds by an Urdu fragment', async () => {
    const rows = (await childdesk(['case', 'list', '--db', db, '--search', 'زینب', '--json'])).json();
    expect(rows.map((r: { caseNumber: string }) => r.caseNumber)).toEqual(['QTA01-2026-0001']);
  });

  it('user add, passwd and remove manage key slots', async () => {
    const add = await childdesk(['user', 'add', '--db', db, '--user', 'incharge', 'asif', '--role', 'desk_officer', '--json'], { env: { CHILDDESK_NEW_PASSPHRASE: 'desk officer passphrase' } });
    expect(add.code).toBe(0);
    const asif = { CHILDDESK_PASSPHRASE: 'desk officer passphrase' };
    expect((await childdesk(['case', 'list', '--db', db, '--user', 'asif', '--json'], { env: asif })).code).toBe(0);
    const passwd = await childdesk(['user', 'passwd', '--db', db, '--user', 'asif'], { env: { ...asif, CHILDDESK_NEW_PASSPHRASE: 'another long passphrase' } });
    expect(passwd.code).toBe(0);
    expectOneLineError(await childdesk(['case', 'list', '--db', db, '--user', 'asif'], { env: asif }), /Wrong user name or passphrase/);
    expect((await childdesk(['user', 'remove', '--db', db, '--user', 'incharge', 'asif'])).code).toBe(0);
    const users = (await childdesk(['user', 'list', '--db', db, '--user', 'incharge', '--json'])).json();
    expect(users.find((u: { username: string }) => u.username === 'asif').removedAt).not.toBeNull();
  });

  it('settings set changes one setting and settings show reads them all', async () => {
    expect((await childdesk(['settings', 'set', '--db', db, '--user', 'incharge', '--asap-hours', '3'])).code).toBe(0);
    expect((await childdesk(['settings', 'show', '--db', db, '--user', 'incharge', '--json'])).json()).toEqual({ unconfirmedRules: 'on', asapTargetHours: 3 });
    expectOneLineError(await childdesk(['settings', 'set', '--db', db, '--user', 'incharge', '--unconfirmed-rules', 'maybe']), /unconfirmedRules/);
  });

  it('audit verify reports an intact trail', async () => {
    const run = await childdesk(['audit', 'verify', '--db', db, '--user', 'incharge', '--json']);
    expect(run.code).toBe(0);
    expect(run.json().ok).toBe(true);
  });

  it('says "not a Child Help Desk register" for a file that is not one', async () => {
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'just some text');
    writeFileSync(`${junk}.keys.json`, readFileSync(`${db}.keys.json`));
    expectOneLineError(await childdesk(['case', 'list', '--db', junk, '--user', 'incharge']), /not a Child Help Desk register/);
    expectOneLineError(await childdesk(['case', 'list', '--db', join(dir, 'nothing-here.db'), '--user', 'incharge']), /not a Child Help Desk register/);
  });

  it('the real command, with no terminal, explains how to give a passphrase in one line on stderr', () => {
    expectOneLineError(runCli(['case', 'list', '--db', db, '--user', 'incharge'], { env: { CHILDDESK_PASSPHRASE: undefined } }), /CHILDDESK_PASSPHRASE/);
  });

  it('exits 2 with usage for unknown commands and options', async () => {
    expect((await childdesk(['case', 'fly'])).code).toBe(2);
    expect(runCli(['case', 'fly']).code).toBe(2);
    const run = await childdesk(['case', 'list', '--db', db, '--colour']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: childdesk case list/);
  });

  it('exits 2 naming the option when a number option is not a number', async () => {
    const run = await childdesk(['case', 'update', '--db', db, caseId, '--revision', 'abc'], { stdin: '{}' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--revision takes a whole number/);
    expect((await childdesk(['due', '--db', db, '--hours', 'soon'])).stderr).toMatch(/--hours takes a number/);
  });

  it('case update takes back an edited copy of `case show` output (its bookkeeping fields are ignored)', async () => {
    const shown = (await childdesk(['case', 'show', '--db', db, caseId, '--json'])).json();
    const run = await childdesk(['case', 'update', '--db', db, caseId, '--json'], { stdin: JSON.stringify({ ...shown, notes: 'edited copy' }) });
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ notes: 'edited copy', revision: shown.revision + 1 });
  });

  it('the real command renders a form from another working folder, with relative paths, and prints nothing on stderr', () => {
    const result = runCli(['form', '--db', 'station.db', caseId, '--form', 'intake', '--html', '--out', 'intake.html'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'intake.html'), 'utf8')).toContain('QTA01-2026-0001');
  });

  it('district init creates a district register whose officer cannot add cases', async () => {
    const district = join(dir, 'district.db');
    const run = await childdesk(['district', 'init', '--db', district, '--district', 'Quetta', '--user', 'cpu.officer', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ district: 'Quetta', user: 'cpu.officer' });
    expectOneLineError(await childdesk(['case', 'add', '--db', district], { stdin: JSON.stringify(juvenileCase()) }), /Your role may not do this/);
  });

  it('prints the case JSON schema (in-process and from the real command)', async () => {
    const schema = (await childdesk(['case', 'schema', '--json'])).json();
    expect(schema.properties.child.properties.gender.enum).toEqual(['male', 'female', 'transgender']);
    const fromProcess = runCli(['case', 'schema', '--json']);
    expect(fromProcess.code).toBe(0);
    expect(fromProcess.json()).toEqual(schema);
  });
});
