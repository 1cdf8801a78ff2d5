import { describe, expect, it } from 'vitest';
import { CASE_NUMBER_PATTERN, formatCaseNumber, newRecordId } from '../../../src/core/ids.js';
import { formatKarachi, karachiYear, normaliseInstant } from '../../../src/core/time.js';

describe('ids', () => {
  it('makes UUIDv7 ids that sort by creation', () => {
    const a = newRecordId();
    const b = newRecordId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });

  it('formats case numbers as STATION-YYYY-NNNN and grows past 9999', () => {
    expect(formatCaseNumber('QTA01', 2026, 7)).toBe('QTA01-2026-0007');
    expect(formatCaseNumber('QTA01', 2026, 12345)).toBe('QTA01-2026-12345');
    expect(CASE_NUMBER_PATTERN.test('QTA01-2026-0007')).toBe(true);
  });
});

describe('time', () => {
  it('stores UTC and shows Asia/Karachi', () => {
    expect(normaliseInstant('2026-12-31T23:30:00+05:00')).toBe('2026-12-31T18:30:00.000Z');
    expect(formatKarachi('2026-12-31T19:30:00Z')).toBe('2027-01-01 00:30');
  });

  it('takes the case-number year from the Pakistan calendar, not UTC', () => {
    expect(karachiYear('2026-12-31T19:30:00Z')).toBe(2027);
  });
});

describe('Karachi local times in forms', () => {
  it('round-trips a datetime-local value through UTC storage', async () => {
    const { karachiLocalToIso, isoToKarachiLocal, normaliseInstant, formatSpan } = await import('../../../src/core/time.js');
    expect(karachiLocalToIso('2026-11-20T23:30')).toBe('2026-11-20T23:30:00+05:00');
    expect(isoToKarachiLocal(normaliseInstant(karachiLocalToIso('2026-11-20T23:30')))).toBe('2026-11-20T23:30');
    expect(formatSpan(-(2 * 86_400_000 + 3 * 3_600_000 + 5 * 60_000))).toEqual({ days: 2, hours: 3, minutes: 5 });
  });
});
