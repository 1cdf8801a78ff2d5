import { describe, expect, it } from 'vitest';
import { isAcceptablePassphrase, lockoutSeconds, secondsBeforeNextAttempt, secondsUntilRetry } from '../../../src/core/login-policy.js';

describe('growing delay after wrong passphrases', () => {
  it('lets three slips pass, then doubles from 5 s to at most 5 minutes', () => {
    expect([0, 1, 2].map(lockoutSeconds)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(lockoutSeconds)).toEqual([5, 10, 20, 40]);
    expect(lockoutSeconds(40)).toBe(300);
  });

  it('counts down from the last failure', () => {
    const last = new Date('2026-11-21T10:00:00Z');
    expect(secondsUntilRetry(4, last, new Date('2026-11-21T10:00:04Z'))).toBe(6);
    expect(secondsUntilRetry(4, last, new Date('2026-11-21T10:00:10Z'))).toBe(0);
  });

  it('never waits longer than the delay when the last failure is in the future (the clock was ahead)', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    expect(secondsUntilRetry(40, new Date('2026-11-30T10:00:00Z'), now)).toBe(300);
    expect(secondsUntilRetry(3, new Date('2026-11-21T10:00:03Z'), now)).toBe(5);
  });

  it('counts attempts still being checked, so parallel guesses cannot all pass', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const at = '2026-11-21T10:00:00.000Z';
    expect(secondsBeforeNextAttempt({}, now)).toBe(0);
    expect(secondsBeforeNextAttempt({ inFlight: [at, at] }, now)).toBe(0);
    expect(secondsBeforeNextAttempt({ inFlight: [at, at, at] }, now)).toBe(5);
    expect(secondsBeforeNextAttempt({ failures: { count: 2, lastAt: at }, inFlight: [at] }, now)).toBe(5);
  });

  it('forgets attempts left behind by a process that died, after a minute', () => {
    const now = new Date('2026-11-21T10:05:00Z');
    const stale = '2026-11-21T10:00:00.000Z';
    expect(secondsBeforeNextAttempt({ inFlight: [stale, stale, stale, stale] }, now)).toBe(0);
    expect(secondsBeforeNextAttempt({ inFlight: ['2026-11-21T10:04:30.000Z', stale, stale, stale] }, now)).toBe(0);
  });

  it('asks for at least 10 characters, counting Urdu letters as characters', () => {
    expect(isAcceptablePassphrase('short')).toBe(false);
    expect(isAcceptablePassphrase('میرا پاس ورڈ')).toBe(true);
  });
});
