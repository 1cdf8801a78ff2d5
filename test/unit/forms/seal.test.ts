import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { caseInputSchema, type CaseRecord } from '../../../src/core/case-model.js';
import { caseDigest, formatSeal, parseSeal, sealBytes, sealMessage } from '../../../src/forms/seal.js';
import { juvenileCase } from '../../support/register.js';

const record: CaseRecord = {
  ...caseInputSchema.parse(juvenileCase()),
  id: '01a20d37-d13e-76f1-ace7-3005b34d6b51',
  caseNumber: 'QTA01-2026-0001',
  stationCode: 'QTA01',
  revision: 3,
  createdAt: '2026-11-21T06:00:00.000Z',
  createdBy: 'u1',
  updatedAt: '2026-11-21T06:00:00.000Z',
  updatedBy: 'u1',
};

describe('the print seal', () => {
  it('digests the canonical JSON of the case: property order does not matter, any change does', () => {
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as CaseRecord;
    expect(caseDigest(reordered)).toBe(caseDigest(record));
    expect(caseDigest({ ...record, revision: 4 })).not.toBe(caseDigest(record));
    expect(caseDigest(record)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('formats and parses back: CHD1, station, case number, revision, digest, key id, signature', () => {
    const secretKey = ed25519.utils.randomSecretKey();
    const fields = { stationCode: 'QTA01', caseNumber: 'QTA01-2026-0001', revision: 3, digest: caseDigest(record), keyId: '0123456789abcdef' };
    const text = formatSeal({ ...fields, signature: ed25519.sign(sealBytes(fields), secretKey) });
    expect(text.startsWith(`${sealMessage(fields)}:`)).toBe(true);
    const parsed = parseSeal(text)!;
    expect(parsed).toMatchObject(fields);
    expect(ed25519.verify(parsed.signature, sealBytes(parsed), ed25519.getPublicKey(secretKey))).toBe(true);
    // Nothing that identifies the child is in the seal.
    expect(text).not.toMatch(/Zainab|زینب|Muhammad|123\/2026/);
  });

  it.each([
    ['another format', 'CHD2:QTA01:QTA01-2026-0001:1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:0123456789abcdef:x'],
    ['a missing field', 'CHD1:QTA01:QTA01-2026-0001:1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:0123456789abcdef'],
    ['revision zero', `CHD1:QTA01:QTA01-2026-0001:0:${'a'.repeat(43)}:0123456789abcdef:${'A'.repeat(86)}`],
    ['a short digest', `CHD1:QTA01:QTA01-2026-0001:1:${'a'.repeat(42)}:0123456789abcdef:${'A'.repeat(86)}`],
    ['a short signature', `CHD1:QTA01:QTA01-2026-0001:1:${'a'.repeat(43)}:0123456789abcdef:${'A'.repeat(80)}`],
    ['a web address', 'https://example.org/x'],
  ])('rejects %s', (_why, text) => {
    expect(parseSeal(text)).toBeNull();
  });
});
