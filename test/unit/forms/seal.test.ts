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

  it('formats and parses back: CHD2, station, case number, revision, digest, form, language, print time, key id, signature', () => {
    const secretKey = ed25519.utils.randomSecretKey();
    const fields = { version: 'CHD2' as const, stationCode: 'QTA01', caseNumber: 'QTA01-2026-0001', revision: 3, digest: caseDigest(record), form: 'guardian-notice' as const, lang: 'both' as const, printedAt: '2026-11-21T06:00:00.123Z', printId: '0a1b2c3d4e5f', keyId: '0123456789abcdef' };
    const text = formatSeal({ ...fields, signature: ed25519.sign(sealBytes(fields), secretKey) });
    expect(text).toMatch(/^CHD2:QTA01:QTA01-2026-0001:3:[A-Za-z0-9_-]{43}:guardian-notice:both:20261121T060000123Z:0a1b2c3d4e5f:0123456789abcdef:[A-Za-z0-9_-]{86}$/);
    const parsed = parseSeal(text)!;
    expect(parsed).toMatchObject(fields);
    expect(ed25519.verify(parsed.signature, sealBytes(parsed), ed25519.getPublicKey(secretKey))).toBe(true);
    // The form, language and time are signed: changing any of them breaks the signature.
    for (const other of [{ ...parsed, form: 'production' as const }, { ...parsed, lang: 'en' as const }, { ...parsed, printedAt: '2026-11-21T06:00:00.124Z' }, { ...parsed, printId: '0a1b2c3d4e50' }]) {
      expect(ed25519.verify(parsed.signature, sealBytes(other), ed25519.getPublicKey(secretKey))).toBe(false);
    }
    expect(text).not.toMatch(/Zainab|زینب|Muhammad|123\/2026/);
    expect(sealMessage({ ...fields, version: undefined })).toBe(sealMessage(fields));
  });

  it('still reads and verifies the first format, CHD1 (papers printed before the form and time were signed)', () => {
    const secretKey = ed25519.utils.randomSecretKey();
    const fields = { version: 'CHD1' as const, stationCode: 'QTA01', caseNumber: 'QTA01-2026-0001', revision: 3, digest: caseDigest(record), keyId: '0123456789abcdef' };
    const text = formatSeal({ ...fields, signature: ed25519.sign(sealBytes(fields), secretKey) });
    expect(text.startsWith(`${sealMessage(fields)}:`)).toBe(true);
    const parsed = parseSeal(text)!;
    expect(parsed).toMatchObject(fields);
    expect(ed25519.verify(parsed.signature, sealBytes(parsed), ed25519.getPublicKey(secretKey))).toBe(true);
    // Nothing that identifies the child is in the seal.
    expect(text).not.toMatch(/Zainab|زینب|Muhammad|123\/2026/);
  });

  const chd2 = (form: string, lang: string, at: string, id = '0a1b2c3d4e5f') => `CHD2:QTA01:QTA01-2026-0001:1:${'a'.repeat(43)}:${form}:${lang}:${at}:${id}:0123456789abcdef:${'A'.repeat(86)}`;

  it.each([
    ['another format', 'CHD3:QTA01:QTA01-2026-0001:1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:0123456789abcdef:x'],
    ['a CHD1 seal with the CHD2 fields', `CHD1:QTA01:QTA01-2026-0001:1:${'a'.repeat(43)}:age:en:20261121T060000123Z:0a1b2c3d4e5f:0123456789abcdef:${'A'.repeat(86)}`],
    ['a CHD2 seal without them', `CHD2:QTA01:QTA01-2026-0001:1:${'a'.repeat(43)}:0123456789abcdef:${'A'.repeat(86)}`],
    ['an unknown form', chd2('passport', 'en', '20261121T060000123Z')],
    ['an unknown language', chd2('age', 'fr', '20261121T060000123Z')],
    ['a print time that is not one', chd2('age', 'en', '20261321T060000123Z')],
    ['a print time without milliseconds', chd2('age', 'en', '20261121T060000Z')],
    ['a print id that is not one', chd2('age', 'en', '20261121T060000123Z', 'Zainab')],
    ['a missing field', 'CHD1:QTA01:QTA01-2026-0001:1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:0123456789abcdef'],
    ['revision zero', `CHD1:QTA01:QTA01-2026-0001:0:${'a'.repeat(43)}:0123456789abcdef:${'A'.repeat(86)}`],
    ['a short digest', `CHD1:QTA01:QTA01-2026-0001:1:${'a'.repeat(42)}:0123456789abcdef:${'A'.repeat(86)}`],
    ['a short signature', `CHD1:QTA01:QTA01-2026-0001:1:${'a'.repeat(43)}:0123456789abcdef:${'A'.repeat(80)}`],
    ['a web address', 'https://example.org/x'],
  ])('rejects %s', (_why, text) => {
    expect(parseSeal(text)).toBeNull();
  });
});
