import { caseInputSchema, type CaseInput, type CaseRecord } from '../../src/core/case-model.js';
import { evaluate, type Completion } from '../../src/core/checklist/evaluate.js';
import { DEFAULT_SETTINGS, type StationSettings } from '../../src/core/settings.js';
import { renderFormDocument } from '../../src/forms/document.js';
import { createCase } from '../../src/services/cases.js';
import { completeStep } from '../../src/services/checklist.js';
import type { FormInput, FormLang, FormName } from '../../src/forms/types.js';
import type { Session } from '../../src/services/session.js';
import { juvenileCase } from '../support/register.js';

/**
 * Cases that fill every form: a juvenile accused (minor offence, checklist steps done, two referrals), a
 * juvenile under 16 in a heinous case (the unconfirmed bail rule), a child victim, and a recovered missing
 * child. Values are made up; the names are there so the tests can check where they must not appear.
 */

export const SECRET = {
  bForm: '54400-1234567-1',
  address: 'House 12, Street 4, Satellite Town',
  guardianPhone: '0300-1234567',
  firNumber: '123/2026',
  notes: 'Neighbour Rashid Khan saw the incident',
};

export function fullJuvenile(): CaseInput {
  return juvenileCase({
    child: {
      name: 'زینب بی بی',
      altName: 'Zainab Bibi',
      fatherName: 'Muhammad Ali',
      gender: 'female',
      dateOfBirth: '2011-03-14',
      claimedAge: 15,
      bForm: SECRET.bForm,
      address: SECRET.address,
      district: 'Quetta',
      language: 'Urdu, Brahui',
    },
    guardian: { name: 'Muhammad Ali', relation: 'father', phone: SECRET.guardianPhone, address: SECRET.address },
    offence: { firNumber: SECRET.firNumber, firDate: '2026-11-20', sections: ['PPC 379', 'PPC 34'] },
    custody: { arrestedAt: '2026-11-20T23:30:00+05:00', place: 'observation_home', producedAt: '2026-11-21T10:15:00+05:00' },
    referrals: [
      { to: 'edhi', toName: 'Edhi Centre, Quetta', referredAt: '2026-11-21T09:00:00+05:00' },
      { to: 'hospital', toName: 'Civil Hospital Quetta', referredAt: '2026-11-21T09:30:00+05:00', outcome: 'Examined; no injuries recorded' },
    ],
    notes: SECRET.notes,
  });
}

export function heinousUnder16(): CaseInput {
  return juvenileCase({
    child: { name: 'Bilal Ahmed', fatherName: 'Ahmed Khan', gender: 'male', claimedAge: 15 },
    guardian: { name: 'Ahmed Khan', relation: 'father' },
    offence: { firNumber: '201/2026', firDate: '2026-11-20', sections: ['PPC 392'] },
    custody: { arrestedAt: '2026-11-20T20:00:00+05:00', place: 'observation_home' },
  });
}

export function childVictim(): CaseInput {
  return {
    category: 'victim',
    reportedAt: '2026-11-20T18:00:00+05:00',
    child: { name: 'Ayesha Noor', gender: 'female', claimedAge: 12, language: 'Pashto' },
    guardian: { name: 'Noor Jahan', relation: 'mother', phone: '0333-7654321' },
    offence: { firNumber: '130/2026', sections: ['PPC 328-A'] },
    referrals: [{ to: 'ngo', toName: 'SEHER', referredAt: '2026-11-21T08:00:00+05:00' }],
  };
}

export function recoveredMissing(): CaseInput {
  return {
    category: 'missing',
    reportedAt: '2026-11-19T16:00:00+05:00',
    child: { name: 'Hamza Yousaf', altName: 'حمزہ یوسف', fatherName: 'Muhammad Yousaf', gender: 'male', dateOfBirth: '2017-06-02', bForm: '54401-7654321-3', district: 'Quetta', language: 'Urdu', address: SECRET.address },
    guardian: { name: 'Muhammad Yousaf', relation: 'father', phone: '0312-5550000' },
    offence: { firNumber: '118/2026', sections: [] },
    missing: {
      lastSeenAt: '2026-11-19T13:30:00+05:00',
      lastSeenPlace: 'Near the Jinnah Road bus stop',
      description: 'About 120 cm, thin; blue shalwar kameez, black sandals; small scar above the left eyebrow',
      recoveredAt: '2026-11-20T21:00:00+05:00',
      recoveredPlace: 'Edhi Centre, Quetta',
      handedOverTo: 'Muhammad Yousaf (father)',
      handedOverAt: '2026-11-21T10:00:00+05:00',
    },
    referrals: [],
  };
}

export type Fixture = { juvenile: string; heinous: string; victim: string; missing: string };

/** Creates the cases and records checklist steps as an officer would. */
export function createFixtures(session: Session): Fixture {
  const juvenile = createCase(session, fullJuvenile()).id;
  const heinous = createCase(session, heinousUnder16()).id;
  const victim = createCase(session, childVictim()).id;
  const missing = createCase(session, recoveredMissing()).id;
  const done = (caseId: string, ruleId: string, evidence: Record<string, unknown>, doneAt: string) => completeStep(session, { caseId, ruleId, evidence, doneAt });
  done(juvenile, 'A1', { ageEvidence: 'nadra_bform_crc', documentNumber: SECRET.bForm }, '2026-11-21T00:10:00+05:00');
  done(juvenile, 'A2', { informedPerson: 'Father', method: 'phone', informedAt: '2026-11-21T00:20:00+05:00' }, '2026-11-21T00:20:00+05:00');
  done(juvenile, 'A3', { informedPerson: 'Probation Officer Quetta', method: 'letter', informedAt: '2026-11-21T09:00:00+05:00' }, '2026-11-21T09:00:00+05:00');
  done(juvenile, 'A4', { lawyerName: 'Advocate Saima Baloch', informedAt: '2026-11-21T08:00:00+05:00' }, '2026-11-21T08:00:00+05:00');
  done(juvenile, 'A7', { investigatingOfficer: 'SI Abdul Qadir', rank: 'sub_inspector', supervisor: 'SDPO Civil Lines' }, '2026-11-21T01:00:00+05:00');
  done(missing, 'M1', { firNumber: '118/2026', registeredAt: '2026-11-19T17:00:00+05:00' }, '2026-11-19T17:00:00+05:00');
  done(missing, 'M2', { reference: 'ZARRA-QTA-0456', reportedAt: '2026-11-19T17:30:00+05:00' }, '2026-11-19T17:30:00+05:00');
  return { juvenile, heinous, victim, missing };
}

/** Which fixture case each form is printed from in the tests and reference images. */
export const FORM_CASE: Record<FormName, keyof Fixture> = {
  intake: 'juvenile',
  age: 'juvenile',
  'guardian-notice': 'juvenile',
  'probation-notice': 'juvenile',
  'legal-aid': 'juvenile',
  production: 'juvenile',
  'bail-diversion': 'heinous',
  referral: 'juvenile',
  'missing-report': 'missing',
  handover: 'missing',
};

/** For form tests that render without a register: the fixture cases as stored records, printed at FORM_NOW. */
export const FORM_NOW = new Date('2026-11-21T06:00:00Z');
let serial = 0;

export function recordOf(input: CaseInput): CaseRecord {
  serial++;
  return {
    ...caseInputSchema.parse(input),
    id: `case-${serial}`,
    caseNumber: `QTA01-2026-${String(serial).padStart(4, '0')}`,
    stationCode: 'QTA01',
    revision: 1,
    createdAt: FORM_NOW.toISOString(),
    createdBy: 'u1',
    updatedAt: FORM_NOW.toISOString(),
    updatedBy: 'u1',
  };
}

export const FORM_RECORDS = { juvenile: recordOf(fullJuvenile()), heinous: recordOf(heinousUnder16()), victim: recordOf(childVictim()), missing: recordOf(recoveredMissing()) };
export const A1_DONE: Completion = { ruleId: 'A1', doneAt: '2026-11-20T19:10:00.000Z', doneBy: 'SI Abdul Qadir', evidence: { ageEvidence: 'nadra_bform_crc' } };

export type RenderOptions = { record?: CaseRecord; completions?: Completion[]; settings?: StationSettings; seal?: string | null; layout?: 'stacked' | 'side' };

/** A form's HTML for a fixture case without a register or fonts (unit tests of what the forms say). */
export function renderFixtureForm(form: FormName, lang: FormLang, options: RenderOptions = {}): string {
  const record = options.record ?? FORM_RECORDS[FORM_CASE[form]];
  const input: FormInput = {
    form,
    lang,
    layout: options.layout ?? 'stacked',
    station: { code: 'QTA01', name: 'Civil Lines Quetta', district: 'Quetta' },
    record,
    evaluation: evaluate({ case: record, completions: options.completions ?? [A1_DONE] }, FORM_NOW, options.settings ?? DEFAULT_SETTINGS),
    printedBy: { name: 'Inspector Rahim', role: 'station_incharge' },
    printedAt: FORM_NOW.toISOString(),
    seal: options.seal ?? null,
    referralIndex: form === 'referral' ? 0 : undefined,
  };
  return renderFormDocument(input, { fontCss: '' });
}
