import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../src/core/api.js';
import { ApiHost } from '../../src/services/api-handlers.js';
import { FAST_SCRYPT, juvenileCase, PASSPHRASE, tempDir } from '../support/register.js';

let dir: string;
let cleanup: () => void;
let host: ApiHost;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  host = new ApiHost(join(dir, 'station.db'), { scrypt: FAST_SCRYPT, autoLockMs: 60_000 });
});
afterEach(() => {
  host.lock();
  cleanup();
});

const setup = () =>
  host.call('session.setupStation', { stationCode: 'QTA01', stationName: 'Civil Lines', district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE });

describe('ApiHost: the one door every transport uses', () => {
  it('walks a register from nothing to locked to unlocked', async () => {
    expect(await host.call('session.status', {})).toEqual({ ok: true, result: { state: 'no_register' } });
    const created = await setup();
    expect(created).toMatchObject({ ok: true, result: { session: { state: 'unlocked', user: { role: 'station_incharge' } } } });
    await host.call('session.lock', {});
    expect(await host.call('session.status', {})).toEqual({ ok: true, result: { state: 'locked' } });
    expect(await host.call('session.login', { username: 'incharge', passphrase: PASSPHRASE })).toMatchObject({ ok: true, result: { state: 'unlocked' } });
  });

  it('refuses work before login, unknown methods and bad input, with typed errors and no stack', async () => {
    await setup();
    host.lock();
    expect(await host.call('case.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await host.call('case.drop', {})).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(await host.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    await host.call('session.login', { username: 'incharge', passphrase: PASSPHRASE });
    const bad = await host.call('case.create', { ...juvenileCase(), category: 'suspect' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', messageUr: expect.stringMatching(/[\u0600-\u06FF]/) } });
    expect(JSON.stringify(bad)).not.toMatch(/\n\s+at /);
  });

  it('locks itself after the inactivity limit, closing the register', async () => {
    await setup();
    expect(host.lockIfIdle(Date.now() + 30_000)).toBe(false);
    expect(host.lockIfIdle(Date.now() + 61_000)).toBe(true);
    expect(await host.call('case.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers every method in the contract (none is left without a handler)', async () => {
    await setup();
    // session.lock last, so every other method is reached while unlocked.
    for (const method of [...API_METHODS.filter((m) => m !== 'session.lock'), 'session.lock' as const]) {
      const response = await host.call(method, {});
      // Each answers with a result or a typed error about its input: never INTERNAL.
      if (!response.ok) expect(response.error.code, method).not.toBe('INTERNAL');
    }
  });
});
