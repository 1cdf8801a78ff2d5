import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQr, pageImage } from '../forms/pdf-tools.js';
import { childdesk } from '../support/cli.js';
import { juvenileCase, tempDir } from '../support/register.js';


let dir: string;
let cleanup: () => void;
let db: string;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'station.db');
  expect((await childdesk(['station', 'init', '--db', db, '--station-code', 'QTA01', '--station-name', 'Civil Lines', '--district', 'Quetta', '--user', 'incharge'])).code).toBe(0);
  const cases = [juvenileCase(), juvenileCase({ referrals: [{ to: 'edhi', referredAt: '2026-11-21T09:00:00+05:00' }] }), { ...juvenileCase(), status: 'closed' }];
  expect((await childdesk(['case', 'add', '--db', db], { stdin: JSON.stringify(cases) })).code).toBe(0);
});
afterAll(() => cleanup());

describe('childdesk form and verify-print', () => {
  let seal: string;

  it('prints one form to the PDF file named, and says where', async () => {
    const out = join(dir, 'notice.pdf');
    const run = await childdesk(['form', '--db', db, 'QTA01-2026-0001', '--form', 'guardian-notice', '--lang', 'ur', '--out', out, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.json()).toEqual([expect.objectContaining({ caseNumber: 'QTA01-2026-0001', form: 'guardian-notice', lang: 'ur', revision: 1, pages: 1, path: out })]);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    seal = decodeQr(pageImage(out, join(dir, 'notice-qr'), 150))!;
    expect(seal).toMatch(/^CHD2:QTA01:QTA01-2026-0001:1:[A-Za-z0-9_-]{43}:guardian-notice:ur:\d{8}T\d{9}Z:[0-9a-f]{12}:/);
  });

  it('verify-print says the paper matches, and after a change which revision the paper shows (exit 1)', async () => {
    const ok = await childdesk(['verify-print', '--db', db, seal]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/matches the register: case QTA01-2026-0001, revision 1/);
    // It names this paper's own print: the form and language the QR was printed with.
    expect(ok.stdout).toMatch(/It is the Notice to the guardian \(CHD-3, ur\) printed \d{4}-\d\d-\d\d \d\d:\d\d\./);
    expect((await childdesk(['verify-print', '--db', db, seal, '--json'])).json().print).toMatchObject({ form: 'guardian-notice', lang: 'ur', recorded: true });
    expect((await childdesk(['case', 'update', '--db', db, 'QTA01-2026-0001'], { stdin: JSON.stringify({ custody: { place: 'guardian' } }) })).code).toBe(0);
    const old = await childdesk(['verify-print', '--db', db, seal, '--json']);
    expect(old.code).toBe(1);
    expect(old.json()).toMatchObject({ outcome: 'older_revision', printedRevision: 1, currentRevision: 2 });
    expect(old.json().en).toContain('This paper copy shows revision 1; the register is now at revision 2');
  });

  it('verify-print refuses a tampered seal (exit 1)', async () => {
    const tampered = seal.replace(':1:', ':2:');
    const run = await childdesk(['verify-print', '--db', db, tampered]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/not signed by this register/);
  });

  it('prints a batch of the open cases into a folder with one warm browser; file names carry no names', async () => {
    const out = join(dir, 'batch');
    const run = await childdesk(['form', '--db', db, '--all-open', '--form', 'intake', '--lang', 'both', '--out', out, '--json']);
    expect(run.code).toBe(0);
    expect(run.json().map((p: { caseNumber: string }) => p.caseNumber)).toEqual(['QTA01-2026-0001', 'QTA01-2026-0002']);
    expect(readdirSync(out).sort()).toEqual(['QTA01-2026-0001-intake-both.pdf', 'QTA01-2026-0002-intake-both.pdf']);
  });

  it('writes the HTML itself with --html (for printing without Chromium)', async () => {
    const out = join(dir, 'referral.html');
    const run = await childdesk(['form', '--db', db, 'QTA01-2026-0002', '--form', 'referral', '--html', '--out', out]);
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*Referral letter/);
  });

  it('a form that does not fit the case is a one-line error naming what it needs', async () => {
    const run = await childdesk(['form', '--db', db, 'QTA01-2026-0001', '--form', 'referral', '--out', join(dir, 'x.pdf')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/does not apply to this case.*no referral recorded/);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });

  it('without a browser to print with, says how to get one', async () => {
    const run = await childdesk(['form', '--db', db, 'QTA01-2026-0001', '--form', 'intake', '--out', join(dir, 'y.pdf')], { env: { CHILDDESK_CHROMIUM: join(dir, 'no-such-chrome') } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No Chromium, Chrome or Edge.*CHILDDESK_CHROMIUM/);
  });

  it('rejects an unknown form name as a usage error', async () => {
    const run = await childdesk(['form', '--db', db, 'QTA01-2026-0001', '--form', 'fir', '--out', join(dir, 'z.pdf')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--form must be one of intake, age/);
  });
});
