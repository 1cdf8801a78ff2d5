import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiHost } from '../../src/services/api-handlers.js';
import { login } from '../../src/services/register.js';
import { FAST_SCRYPT, juvenileCase, PASSPHRASE, tempDir } from '../support/register.js';

/** form.html through the app's API: the layout and, for a case with several referrals, which letter. */

let dir: string;
let cleanup: () => void;
let host: ApiHost;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  host = new ApiHost(join(dir, 'station.db'), { scrypt: FAST_SCRYPT, autoLockMs: 60_000 });
  await host.call('session.setupStation', { stationCode: 'QTA01', stationName: 'Civil Lines', district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE });
});
afterEach(() => {
  host.lock();
  cleanup();
});

describe('form.html', () => {
  it('prints the referral letter asked for when the case has several, and the side-by-side layout', async () => {
    const created = await host.call('case.create', juvenileCase({ referrals: [{ to: 'edhi', toName: 'Edhi Centre', referredAt: '2026-11-21T09:00:00+05:00' }, { to: 'hospital', toName: 'Civil Hospital', referredAt: '2026-11-21T09:30:00+05:00' }] }));
    expect(created.ok).toBe(true);
    const caseId = (created as { result: { id: string } }).result.id;
    const none = await host.call('form.html', { caseId, form: 'referral', lang: 'en', preview: true });
    expect(none).toMatchObject({ ok: false, error: { code: 'FORM_NOT_FOR_CASE' } });
    const second = await host.call('form.html', { caseId, form: 'referral', lang: 'en', referral: 2, preview: true });
    expect(second.ok).toBe(true);
    const html = (second as { result: { html: string } }).result.html;
    expect(html).toContain('Civil Hospital');
    expect(html).not.toContain('Edhi Centre');
    const side = await host.call('form.html', { caseId, form: 'guardian-notice', lang: 'both', layout: 'side', preview: true });
    expect((side as { result: { html: string } }).result.html).toContain('para-bi-side');
    expect(await host.call('form.html', { caseId, form: 'referral', lang: 'en', referral: 0, preview: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('form.pdf and report.pdf (Save as PDF)', () => {
  /** The host's printer: records what it was given; its PDF is the smallest Chromium-like one (two page objects). */
  const printed: string[] = [];
  const printer = {
    print: async (html: string) => {
      printed.push(html);
      return { pdf: new TextEncoder().encode('%PDF-1.4 <</Type /Page>> <</Type /Page>>'), pages: 2, layout: null };
    },
  };

  /** A save target kept in memory (as the browser build's download), and what was written to it. */
  const memoryTarget = (host: ApiHost, name: string) => host.files.target({ purpose: 'report', name, where: { kind: 'memory' } });
  const written = (host: ApiHost, handle: string) => {
    const output = host.files.output(handle);
    return output.kind === 'bytes' ? Buffer.from(output.bytes).toString('latin1') : '';
  };

  it('prints the signed form with the shell\'s printer into the save target the officer chose, and audits it as a PDF print', async () => {
    const withPrinter = new ApiHost(host.registerPath, { scrypt: FAST_SCRYPT, printer });
    await withPrinter.call('session.login', { username: 'incharge', passphrase: PASSPHRASE });
    const created = (await withPrinter.call('case.create', juvenileCase())) as { result: { id: string; caseNumber: string } };
    const target = memoryTarget(withPrinter, `${created.result.caseNumber}-guardian-notice-ur.pdf`);
    const saved = await withPrinter.call('form.pdf', { caseId: created.result.id, form: 'guardian-notice', lang: 'ur', target: target.handle });
    expect(saved).toEqual({ ok: true, result: { name: `${created.result.caseNumber}-guardian-notice-ur.pdf`, bytes: expect.any(Number), pages: 2 } });
    expect(written(withPrinter, target.handle)).toMatch(/^%PDF-/);
    expect(printed.at(-1)).not.toContain('PREVIEW'); // the signed copy
    withPrinter.lock();
    host.lock();
    const session = await login(host.registerPath, 'incharge', PASSPHRASE, { scrypt: FAST_SCRYPT });
    const rows = session.register.db.sqlite.prepare("SELECT details FROM audit_log WHERE action = 'form.print'").pluck().all() as string[];
    session.register.close();
    expect(rows.map((row) => JSON.parse(row))).toEqual([expect.objectContaining({ form: 'guardian-notice', lang: 'ur', output: 'pdf', pages: 2 })]);
  });

  it('prints the monthly return of a district register the same way', async () => {
    const district = new ApiHost(join(dir, 'district.db'), { scrypt: FAST_SCRYPT, printer });
    await district.call('session.setupDistrict', { district: 'Quetta', username: 'cpu', passphrase: PASSPHRASE });
    const target = memoryTarget(district, 'return-Quetta-2026-11-ur.pdf');
    const saved = await district.call('report.pdf', { month: '2026-11', lang: 'ur', target: target.handle });
    expect(saved).toMatchObject({ ok: true, result: { name: 'return-Quetta-2026-11-ur.pdf', pages: 2 } });
    expect(written(district, target.handle)).toMatch(/^%PDF-/);
    district.lock();
    expect(printed.at(-1)).toMatch(/<html lang="ur" dir="rtl">/);
  });

  it('refuses with NO_CHROMIUM where the host has no printer', async () => {
    const created = (await host.call('case.create', juvenileCase())) as { result: { id: string } };
    const target = memoryTarget(host, 'x.pdf').handle;
    expect(await host.call('form.pdf', { caseId: created.result.id, form: 'intake', lang: 'en', target })).toMatchObject({ ok: false, error: { code: 'NO_CHROMIUM' } });
    expect(await host.call('form.pdf', { caseId: created.result.id, form: 'no-such-form', lang: 'en', target })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await host.call('form.pdf', { caseId: created.result.id, form: 'intake', lang: 'en' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
