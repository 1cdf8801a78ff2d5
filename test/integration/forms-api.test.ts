import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiHost } from '../../src/services/api-handlers.js';
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
