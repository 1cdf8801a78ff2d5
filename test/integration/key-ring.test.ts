import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Register } from '../../src/store/register.js';
import { newStation, tempDir } from '../support/register.js';

let register: Register;
let cleanup: () => void;
beforeEach(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  register = (await newStation(temp.dir)).session.register;
});
afterEach(() => {
  register.close();
  cleanup();
});

describe('key ring', () => {
  it('makes the signing key on first use, once, and audits it', () => {
    const first = register.keys.signingKey();
    expect(register.keys.signingKey().keyId).toBe(first.keyId);
    expect(first.keyId).toMatch(/^[0-9a-f]{16}$/);
    const actions = register.audit.recent(100).map((e) => e.action);
    expect(actions.filter((a) => a === 'key.create')).toHaveLength(1);
  });

  it('signs with the active key and still verifies what a rotated key signed', () => {
    const message = new TextEncoder().encode('QTA01-2026-0001 r3');
    const before = register.keys.sign(message);
    const { previous, next } = register.keys.rotateSigningKey('tester');
    expect(previous.keyId).toBe(before.keyId);
    expect(next.keyId).not.toBe(previous.keyId);
    expect(register.keys.verifyOwn(before.keyId, message, before.signature)).toBe(true);
    const after = register.keys.sign(message);
    expect(after.keyId).toBe(next.keyId);
    expect(register.keys.verifyOwn(after.keyId, new TextEncoder().encode('QTA01-2026-0001 r4'), after.signature)).toBe(false);
    expect(register.keys.verifyOwn('0000000000000000', message, after.signature)).toBe(false);
  });
});
