import { describe, expect, it } from 'vitest';
import { isAcceptablePassphrase, lockoutSeconds, secondsUntilRetry } from '../../../src/core/login-policy.js';

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

  it('asks for at least 10 characters, counting Urdu letters as characters', () => {
    expect(isAcceptablePassphrase('short')).toBe(false);
    expect(isAcceptablePassphrase('میرا پاس ورڈ')).toBe(true);
  });
});
