import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeSettings, readSettings } from '../../src/services/settings.js';
import { addStationUser } from '../../src/services/users.js';
import { login } from '../../src/services/register.js';
import type { Session } from '../../src/services/session.js';
import { newStation, tempDir, testOptions } from '../support/register.js';

let dir: string;
let cleanup: () => void;
let session: Session;
let path: string;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  ({ session, path } = await newStation(dir));
});
afterEach(() => {
  session.register.close();
  cleanup();
});

describe('station settings', () => {
  it('start with unconfirmed rules shown and a 2-hour target for "as soon as possible"', () => {
    expect(readSettings(session)).toEqual({ unconfirmedRules: 'on', asapTargetHours: 2 });
  });

  it('change one setting without touching the others, and audit the old and new value', () => {
    changeSettings(session, { asapTargetHours: 3 });
    expect(changeSettings(session, { unconfirmedRules: 'off' })).toEqual({ unconfirmedRules: 'off', asapTargetHours: 3 });
    const audit = session.register.audit.recent(5).filter((r) => r.action === 'settings.change').map((r) => JSON.parse(r.details));
    expect(audit).toEqual([
      { key: 'unconfirmedRules', from: 'on', to: 'off' },
      { key: 'asapTargetHours', from: 2, to: 3 },
    ]);
    expect(session.register.audit.verify().ok).toBe(true);
  });

  it('write nothing for an unchanged value or an empty change', () => {
    const before = session.register.audit.recent(1)[0]!.seq;
    changeSettings(session, {});
    changeSettings(session, { asapTargetHours: 2 });
    expect(session.register.audit.recent(1)[0]!.seq).toBe(before);
  });

  it('refuse bad values and unknown settings, naming them', () => {
    expect(() => changeSettings(session, { asapTargetHours: 0 })).toThrow(/asapTargetHours/);
    expect(() => changeSettings(session, { colour: 'red' })).toThrow(/colour|settings/);
  });

  it('may be changed only by the in-charge', async () => {
    await addStationUser(session, { username: 'desk', role: 'desk_officer' }, 'desk officer passphrase');
    const desk = await login(path, 'desk', 'desk officer passphrase', testOptions());
    expect(() => changeSettings(desk, { unconfirmedRules: 'off' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(readSettings(desk).unconfirmedRules).toBe('on');
    desk.register.close();
  });
});
