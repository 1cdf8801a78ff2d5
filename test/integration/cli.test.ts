import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { juvenileCase, PASSPHRASE, tempDir } from '../support/register.js';

const BIN = fileURLToPath(new URL('../../src/cli/bin.mjs', import.meta.url));

// CLI output is checked field by field in each test, so its JSON is loosely typed here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Run = { code: number | null; stdout: string; stderr: string; json: () => any };

function childdesk(args: string[], options: { stdin?: string; env?: Record<string, string | undefined> } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.stdin ?? '',
    encoding: 'utf8',
    env: { ...process.env, CHILDDESK_PASSPHRASE: PASSPHRASE, CHILDDESK_USER: undefined, ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) };
}

let dir: string;
let cleanup: () => void;
let db: string;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'station.db');
});
afterAll(() => cleanup());

/** Every failing command: non-zero exit, one line on stderr, no stack trace. */
function expectOneLineError(run: Run, pattern: RegExp) {
  expect(run.code).not.toBe(0);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('childdesk CLI (in order: one station register through its life)', () => {
  let caseId: string;

  it('station init creates the register and prints the recovery key once', () => {
    const run = childdesk(['station', 'init', '--db', db, '--station-code', 'QTA01', '--station-name', 'Civil Lines', '--district', 'Quetta', '--user', 'incharge', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ stationCode: 'QTA01', user: 'incharge' });
    expect(run.json().recoveryKey).toMatch(/^([A-Z2-7]{5}-){10}[A-Z2-7]{5}$/);
  });

  it('case add reads a case on stdin and prints its id and case number', () => {
    const run = childdesk(['case', 'add', '--db', db, '--json'], { stdin: JSON.stringify(juvenileCase()) });
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ id: expect.any(String), caseNumber: 'QTA01-2026-0001' });
    caseId = run.json().id;
  });

  it('case add with a bad case names the field, writes nothing, exits non-zero', () => {
    const bad = { ...juvenileCase(), child: { name: 'Secret Child', gender: 'boy', dateOfBirth: '31-12-2012' } };
    const run = childdesk(['case', 'add', '--db', db, '--json'], { stdin: JSON.stringify(bad) });
    expectOneLineError(run, /child\.gender.*child\.dateOfBirth|child\.dateOfBirth.*child\.gender/);
    expect(run.stderr).not.toContain('Secret Child');
    expect(run.json().error.code).toBe('INVALID_INPUT');
    expect(childdesk(['case', 'list', '--db', db, '--json']).json()).toHaveLength(1);
  });

  it('case add refuses a misspelt field by name instead of dropping it, and writes nothing', () => {
    const typo = { ...juvenileCase(), custody: { arestedAt: '2026-11-20T23:30:00+05:00' } };
    const run = childdesk(['case', 'add', '--db', db, '--json'], { stdin: JSON.stringify(typo) });
    expectOneLineError(run, /custody\.arestedAt: is not a field here/);
    expect(childdesk(['case', 'list', '--db', db, '--json']).json()).toHaveLength(1);
  });

  it('case show returns the case with id, caseNumber, revision and the same fields', () => {
    const shown = childdesk(['case', 'show', '--db', db, caseId, '--json']).json();
    expect(shown).toMatchObject({ id: caseId, caseNumber: 'QTA01-2026-0001', revision: 1, category: 'in_conflict' });
    expect(shown.child).toMatchObject({ name: 'زینب بی بی', gender: 'female', claimedAge: 15 });
    expect(shown.custody.arrestedAt).toBe('2026-11-20T18:30:00.000Z');
  });

  it('case show includes the checklist with due times, states, basis and status', () => {
    const shown = childdesk(['case', 'show', '--db', db, caseId, '--json']).json();
    expect(shown.rulePackVersion).toBe('jjsa-2018.1');
    const a6 = shown.checklist.find((c: { ruleId: string }) => c.ruleId === 'A6');
    expect(a6).toEqual({ ruleId: 'A6', title: 'Produce before the court within 24 hours', dueAt: '2026-11-21T18:30:00.000Z', state: 'overdue', basis: 'Constitution Art.10(2)', status: 'text', statusNote: 'Text of Art.10(2); a JJSA-specific rule is unconfirmed.', why: expect.any(String) });
    expect(shown.checklist.map((c: { ruleId: string }) => c.ruleId)).toHaveLength(20);
  });

  it('checklist complete records a step with evidence; due lists what is left, most urgent first', () => {
    const done = childdesk(['checklist', 'complete', '--db', db, caseId, 'A2', '--done-at', '2026-11-21T00:15:00+05:00', '--evidence', JSON.stringify({ informedPerson: 'father', method: 'phone', informedAt: '2026-11-21T00:15:00+05:00' }), '--json']);
    expect(done.code).toBe(0);
    expect(done.json()).toMatchObject({ ruleId: 'A2', state: 'done' });
    expectOneLineError(childdesk(['checklist', 'complete', '--db', db, caseId, 'A1', '--evidence', '{"ageEvidence":"guess"}']), /evidence\.ageEvidence/);
    const due = childdesk(['due', '--db', db, '--json']).json();
    expect(due[0].state).toBe('overdue');
    expect(due.map((d: { ruleId: string }) => d.ruleId)).not.toContain('A2');
  });

  it('case update applies a partial case and raises the revision', () => {
    const before = childdesk(['case', 'show', '--db', db, caseId, '--json']).json().revision;
    const run = childdesk(['case', 'update', '--db', db, caseId, '--json'], { stdin: JSON.stringify({ custody: { producedAt: '2026-11-21T11:00:00+05:00' } }) });
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ revision: before + 1, custody: { producedAt: '2026-11-21T06:00:00.000Z', place: 'observation_home' } });
  });

  it('case list --search finds by an Urdu fragment', () => {
    const rows = childdesk(['case', 'list', '--db', db, '--search', 'زینب', '--json']).json();
    expect(rows.map((r: { caseNumber: string }) => r.caseNumber)).toEqual(['QTA01-2026-0001']);
  });

  it('user add, passwd and remove manage key slots', () => {
    const add = childdesk(['user', 'add', '--db', db, '--user', 'incharge', 'asif', '--role', 'desk_officer', '--json'], { env: { CHILDDESK_NEW_PASSPHRASE: 'desk officer passphrase' } });
    expect(add.code).toBe(0);
    const asif = { CHILDDESK_PASSPHRASE: 'desk officer passphrase' };
    expect(childdesk(['case', 'list', '--db', db, '--user', 'asif', '--json'], { env: asif }).code).toBe(0);
    const passwd = childdesk(['user', 'passwd', '--db', db, '--user', 'asif'], { env: { ...asif, CHILDDESK_NEW_PASSPHRASE: 'another long passphrase' } });
    expect(passwd.code).toBe(0);
    expectOneLineError(childdesk(['case', 'list', '--db', db, '--user', 'asif'], { env: asif }), /Wrong user name or passphrase/);
    expect(childdesk(['user', 'remove', '--db', db, '--user', 'incharge', 'asif']).code).toBe(0);
    const users = childdesk(['user', 'list', '--db', db, '--user', 'incharge', '--json']).json();
    expect(users.find((u: { username: string }) => u.username === 'asif').removedAt).not.toBeNull();
  });

  it('settings set changes one setting and settings show reads them all', () => {
    expect(childdesk(['settings', 'set', '--db', db, '--user', 'incharge', '--asap-hours', '3']).code).toBe(0);
    expect(childdesk(['settings', 'show', '--db', db, '--user', 'incharge', '--json']).json()).toEqual({ unconfirmedRules: 'on', asapTargetHours: 3 });
    expectOneLineError(childdesk(['settings', 'set', '--db', db, '--user', 'incharge', '--unconfirmed-rules', 'maybe']), /unconfirmedRules/);
  });

  it('audit verify reports an intact trail', () => {
    const run = childdesk(['audit', 'verify', '--db', db, '--user', 'incharge', '--json']);
    expect(run.code).toBe(0);
    expect(run.json().ok).toBe(true);
  });

  it('says "not a Child Help Desk register" for a file that is not one', () => {
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'just some text');
    writeFileSync(`${junk}.keys.json`, readFileSync(`${db}.keys.json`));
    expectOneLineError(childdesk(['case', 'list', '--db', junk, '--user', 'incharge']), /not a Child Help Desk register/);
    expectOneLineError(childdesk(['case', 'list', '--db', join(dir, 'nothing-here.db'), '--user', 'incharge']), /not a Child Help Desk register/);
  });

  it('explains how to give a passphrase when there is no terminal', () => {
    expectOneLineError(childdesk(['case', 'list', '--db', db, '--user', 'incharge'], { env: { CHILDDESK_PASSPHRASE: undefined } }), /CHILDDESK_PASSPHRASE/);
  });

  it('exits 2 with usage for unknown commands and options', () => {
    expect(childdesk(['case', 'fly']).code).toBe(2);
    const run = childdesk(['case', 'list', '--db', db, '--colour']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: childdesk case list/);
  });

  it('exits 2 naming the option when a number option is not a number', () => {
    const run = childdesk(['case', 'update', '--db', db, caseId, '--revision', 'abc'], { stdin: '{}' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--revision takes a whole number/);
    expect(childdesk(['due', '--db', db, '--hours', 'soon']).stderr).toMatch(/--hours takes a number/);
  });

  it('case update takes back an edited copy of `case show` output (its bookkeeping fields are ignored)', () => {
    const shown = childdesk(['case', 'show', '--db', db, caseId, '--json']).json();
    const run = childdesk(['case', 'update', '--db', db, caseId, '--json'], { stdin: JSON.stringify({ ...shown, notes: 'edited copy' }) });
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ notes: 'edited copy', revision: shown.revision + 1 });
  });

  it('renders a form from any working folder (tsx is pointed at the repository tsconfig)', () => {
    const out = join(dir, 'intake.html');
    const result = spawnSync(process.execPath, [BIN, 'form', '--db', db, caseId, '--form', 'intake', '--html', '--out', out], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CHILDDESK_PASSPHRASE: PASSPHRASE, CHILDDESK_USER: undefined },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('QTA01-2026-0001');
  });

  it('district init creates a district register whose officer cannot add cases', () => {
    const district = join(dir, 'district.db');
    const run = childdesk(['district', 'init', '--db', district, '--district', 'Quetta', '--user', 'cpu.officer', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ district: 'Quetta', user: 'cpu.officer' });
    expectOneLineError(childdesk(['case', 'add', '--db', district], { stdin: JSON.stringify(juvenileCase()) }), /Your role may not do this/);
  });

  it('prints the case JSON schema', () => {
    const schema = childdesk(['case', 'schema', '--json']).json();
    expect(schema.properties.child.properties.gender.enum).toEqual(['male', 'female', 'transgender']);
  });
});
