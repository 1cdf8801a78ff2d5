import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../../src/core/api.js';
import { AUTO_LOCK_MS, autoLockAction } from '../../../src/core/security/auto-lock.js';
import { BRIDGE_METHODS, isBridgeMethod } from '../../../src/core/security/bridge.js';
import { refusedSwitch } from '../../../src/core/security/command-line.js';

describe('the preload bridge method list', () => {
  it('is exactly the API contract (the preload cannot import the zod contract itself)', () => {
    expect([...BRIDGE_METHODS].sort()).toEqual([...API_METHODS].sort());
  });

  it('refuses anything that is not a method name', () => {
    expect(isBridgeMethod('case.list')).toBe(true);
    for (const name of ['case.delete', '__proto__', 'constructor', 'toString', '', ' case.list', 42, null, undefined, {}]) {
      expect(isBridgeMethod(name)).toBe(false);
    }
  });
});

describe('auto-lock', () => {
  it('locks an open register when the PC has been idle for the limit', () => {
    expect(autoLockAction({ unlocked: true, systemIdleMs: AUTO_LOCK_MS, limitMs: AUTO_LOCK_MS })).toBe('lock');
    expect(autoLockAction({ unlocked: true, systemIdleMs: AUTO_LOCK_MS * 5, limitMs: AUTO_LOCK_MS })).toBe('lock');
  });

  it('keeps the session while someone types a long form (no API call, but the PC is in use)', () => {
    expect(autoLockAction({ unlocked: true, systemIdleMs: 3_000, limitMs: AUTO_LOCK_MS })).toBe('keep-alive');
    expect(autoLockAction({ unlocked: true, systemIdleMs: AUTO_LOCK_MS - 1, limitMs: AUTO_LOCK_MS })).toBe('keep-alive');
  });

  it('does nothing when the register is not open, and locks when the idle time is unknown', () => {
    expect(autoLockAction({ unlocked: false, systemIdleMs: AUTO_LOCK_MS * 2, limitMs: AUTO_LOCK_MS })).toBe('none');
    expect(autoLockAction({ unlocked: true, systemIdleMs: Number.NaN, limitMs: AUTO_LOCK_MS })).toBe('lock');
    expect(autoLockAction({ unlocked: true, systemIdleMs: -1, limitMs: AUTO_LOCK_MS })).toBe('lock');
  });
});

describe('switches the packaged app refuses', () => {
  it.each([
    [['--remote-debugging-port=9222'], 'remote-debugging-port'],
    [['--remote-debugging-port', '9222'], 'remote-debugging-port'],
    [['--REMOTE-DEBUGGING-PIPE'], 'remote-debugging-pipe'],
    [['--inspect=0'], 'inspect'],
    [['--inspect-brk'], 'inspect-brk'],
    [['-inspect'], 'inspect'],
    [['--js-flags=--allow-natives-syntax'], 'js-flags'],
    [['--db', 'D:\\station.db', '--disable-web-security'], 'disable-web-security'],
  ])('%j -> %s', (argv, name) => {
    expect(refusedSwitch(argv)).toBe(name);
  });

  it('lets the ordinary ones through', () => {
    expect(refusedSwitch([])).toBeNull();
    expect(refusedSwitch(['--db', 'D:\\registers\\station.db'])).toBeNull();
    expect(refusedSwitch(['--db=D:\\station.db', '--lang=ur'])).toBeNull();
    expect(refusedSwitch(['--', '--inspect'])).toBeNull();
  });
});
