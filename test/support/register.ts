import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseInput } from '../../src/core/case-model.js';
import { fixedClock, type Clock } from '../../src/core/time.js';
import { initStation } from '../../src/services/register.js';
import type { StoreOptions } from '../../src/store/register.js';

/** Cheapest scrypt the key file accepts: tests exercise the slot logic, the bench measures the real cost. */
export const FAST_SCRYPT = { N: 2 ** 14, r: 8, p: 1 };
export const PASSPHRASE = 'correct horse battery';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'childdesk-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testOptions(clock: Clock = fixedClock('2026-11-21T06:00:00Z')): StoreOptions {
  return { clock, scrypt: FAST_SCRYPT };
}

export async function newStation(dir: string, options: StoreOptions = testOptions()) {
  const path = join(dir, 'station.db');
  const { session, recoveryKey } = await initStation(
    { path, stationCode: 'QTA01', stationName: 'Civil Lines Quetta', district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE },
    options,
  );
  return { path, session, recoveryKey };
}

export function juvenileCase(overrides: Partial<CaseInput> = {}): CaseInput {
  return {
    category: 'in_conflict',
    reportedAt: '2026-11-20T23:30:00+05:00',
    child: { name: 'زینب بی بی', altName: 'Zainab Bibi', fatherName: 'Muhammad Ali', gender: 'female', claimedAge: 15 },
    guardian: { name: 'Muhammad Ali', relation: 'father', phone: '0300-1234567' },
    offence: { firNumber: '123/2026', sections: ['PPC 379'] },
    custody: { arrestedAt: '2026-11-20T23:30:00+05:00', place: 'observation_home' },
    ...overrides,
  };
}
