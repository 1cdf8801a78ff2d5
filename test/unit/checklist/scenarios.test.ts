import { describe, expect, it } from 'vitest';
import { caseInputSchema, type CaseInput } from '../../../src/core/case-model.js';
import { evaluate, type Completion, type Evaluation, type ObligationState } from '../../../src/core/checklist/evaluate.js';
import { RULE_IDS } from '../../../src/core/checklist/rules.js';
import { DEFAULT_SETTINGS, type StationSettings } from '../../../src/core/settings.js';

/**
 * The rule pack's scenario table. Each row is a case as the desk would record it, the moment it is evaluated,
 * and exactly which rules are live (neither "not applicable" nor "switched off") with the due times and states
 * that matter for it. Times are Asia/Karachi (+05:00) as typed; expectations are UTC as stored.
 */

const ARREST = '2026-11-20T10:00:00+05:00'; // 05:00Z
const AT = (hoursAfterArrest: number) => new Date(Date.parse('2026-11-20T05:00:00Z') + hoursAfterArrest * 3600_000);

const ALL_ARRESTED_MINOR = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A12', 'A13', 'A14', 'A16', 'A17'];
const HEINOUS_ARRESTED = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A11', 'A12', 'A13', 'A14', 'A16', 'A17'];

type Overrides = Partial<Omit<CaseInput, 'child' | 'offence' | 'custody'>> & {
  child?: Partial<CaseInput['child']>;
  offence?: Partial<NonNullable<CaseInput['offence']>> | null;
  custody?: Partial<NonNullable<CaseInput['custody']>> | null;
};

function juvenile(overrides: Overrides = {}): CaseInput {
  const { child, offence, custody, ...rest } = overrides;
  return {
    category: 'in_conflict',
    reportedAt: ARREST,
    child: { name: 'Test Child', gender: 'male', claimedAge: 15, ...child },
    ...(offence === null ? {} : { offence: { sections: ['PPC 379'], ...offence } }),
    ...(custody === null ? {} : { custody: { arrestedAt: ARREST, place: 'observation_home', ...custody } }),
    ...rest,
  } as CaseInput;
}

function other(category: CaseInput['category'], extra: Partial<CaseInput> = {}): CaseInput {
  return { category, reportedAt: ARREST, child: { name: 'Test Child', gender: 'female', claimedAge: 9 }, ...extra } as CaseInput;
}

type Expect = {
  live: string[];
  /** The due time of every live rule (null for a standing duty or a clock that cannot start): checked exactly. */
  due?: Record<string, string | null>;
  states?: Record<string, ObligationState>;
  problems?: string[];
  offenceClass?: string;
  check?: (evaluation: Evaluation) => void;
};

type Scenario = [name: string, input: CaseInput, now: Date, expected: Expect, options?: { settings?: Partial<StationSettings>; completions?: Completion[] }];

const completion = (ruleId: string, doneAt: string): Completion => ({ ruleId, doneAt, doneBy: 'officer-1', evidence: { informedPerson: 'father', method: 'phone', informedAt: doneAt } });

const STANDING = ['A5', 'A8', 'A9', 'A13', 'A14', 'A16'];
const ASAP_FROM_ARREST = ['A1', 'A2', 'A3', 'A10', 'A11', 'A15'];
const plusHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000).toISOString();

/**
 * Due times of a juvenile's live rules. Hours are added to the arrest (UTC, as stored) by hand here; calendar
 * months are the tricky part, so the caller writes A12 (six months from arrest) and A17 (from production) out.
 */
function juvenileDue(live: string[], arrest: string, a12: string | null, options: { asap?: number; report?: string; a17?: string | null; blocked?: string[] } = {}): Record<string, string | null> {
  const asap = options.asap ?? 2;
  const due: Record<string, string | null> = {};
  for (const id of live) {
    if (STANDING.includes(id) || options.blocked?.includes(id)) due[id] = null;
    else if (ASAP_FROM_ARREST.includes(id)) due[id] = plusHours(arrest, asap);
    else if (id === 'A4' || id === 'A6') due[id] = plusHours(arrest, 24);
    else if (id === 'A7') due[id] = plusHours(options.report ?? arrest, asap);
    else if (id === 'A12') due[id] = a12;
    else if (id === 'A17') due[id] = options.a17 ?? null;
    else throw new Error(`no due time written for ${id}`);
  }
  return due;
}

// The usual arrest of these scenarios: 10:00 in Quetta on 20 November 2026.
const A = '2026-11-20T05:00:00.000Z';
const A_PLUS_6_MONTHS = '2027-05-20T05:00:00.000Z';
const minorDue = (live = ALL_ARRESTED_MINOR, options: Parameters<typeof juvenileDue>[3] = {}) => juvenileDue(live, A, A_PLUS_6_MONTHS, options);
const heinousDue = (live = HEINOUS_ARRESTED, options: Parameters<typeof juvenileDue>[3] = {}) => juvenileDue(live, A, A_PLUS_6_MONTHS, options);
const ARREST_CLOCKED = ['A1', 'A2', 'A3', 'A4', 'A6', 'A10', 'A11', 'A12', 'A15'];

const scenarios: Scenario[] = [
  ['minor offence, 15, in observation home, 1 h after arrest', juvenile(), AT(1), {
    live: ALL_ARRESTED_MINOR, offenceClass: 'minor',
    due: { A1: '2026-11-20T07:00:00.000Z', A2: '2026-11-20T07:00:00.000Z', A3: '2026-11-20T07:00:00.000Z', A4: '2026-11-21T05:00:00.000Z', A5: null, A6: '2026-11-21T05:00:00.000Z', A7: '2026-11-20T07:00:00.000Z', A8: null, A9: null, A10: '2026-11-20T07:00:00.000Z', A12: '2027-05-20T05:00:00.000Z', A13: null, A14: null, A16: null, A17: null },
    states: { A1: 'due_soon', A4: 'pending', A5: 'done', A8: 'pending', A17: 'pending' },
  }],
  ['major offence (PPC 380, 7 years)', juvenile({ offence: { sections: ['PPC 380'] } }), AT(1), { live: ALL_ARRESTED_MINOR, offenceClass: 'major', due: minorDue() }],
  ['heinous offence, age 15: A11 applies as unconfirmed guidance', juvenile({ offence: { sections: ['PPC 302'] } }), AT(1), {
    live: HEINOUS_ARRESTED, offenceClass: 'heinous', due: heinousDue(),
    check: (e) => expect(e.obligations.find((o) => o.ruleId === 'A11')).toMatchObject({ status: 'unconfirmed', statusNote: { en: expect.stringMatching(/Under 16/) } }),
  }],
  ['heinous offence, age 16: A11 is case-law', juvenile({ offence: { sections: ['PPC 302'] }, child: { claimedAge: 16 } }), AT(1), {
    live: HEINOUS_ARRESTED, due: heinousDue(), check: (e) => expect(e.obligations.find((o) => o.ruleId === 'A11')?.status).toBe('case-law'),
  }],
  ['heinous, 16, unconfirmed rules off: A11 stays, A13 and A14 switch off', juvenile({ offence: { sections: ['PPC 302'] }, child: { claimedAge: 16 } }), AT(1), {
    live: HEINOUS_ARRESTED.filter((id) => id !== 'A13' && id !== 'A14'), states: { A13: 'switched_off', A14: 'switched_off', A11: 'due_soon' },
    due: { ...heinousDue(HEINOUS_ARRESTED.filter((id) => id !== 'A13' && id !== 'A14')), A13: null, A14: null },
  }, { settings: { unconfirmedRules: 'off' } }],
  ['heinous, 15, unconfirmed rules off: A11 switches off for under-16', juvenile({ offence: { sections: ['PPC 302'] } }), AT(1), {
    live: HEINOUS_ARRESTED.filter((id) => !['A11', 'A13', 'A14'].includes(id)), states: { A11: 'switched_off' },
    due: { ...heinousDue(HEINOUS_ARRESTED.filter((id) => !['A11', 'A13', 'A14'].includes(id))), A11: null },
  }, { settings: { unconfirmedRules: 'off' } }],
  ['female juvenile: female officer and separate custody (A15)', juvenile({ child: { gender: 'female' } }), AT(1), {
    live: [...ALL_ARRESTED_MINOR, 'A15'], due: { ...minorDue([...ALL_ARRESTED_MINOR, 'A15']), A15: '2026-11-20T07:00:00.000Z' },
  }],
  ['transgender juvenile: A15 (female) does not apply', juvenile({ child: { gender: 'transgender' } }), AT(1), { live: ALL_ARRESTED_MINOR, due: { ...minorDue(), A15: null } }],
  ['missing child: FIR and ZARRA report within 2 hours', other('missing', { missing: { lastSeenAt: '2026-11-20T08:00:00+05:00' } }), AT(1), {
    live: ['M1', 'M2'], due: { M1: '2026-11-20T07:00:00.000Z', M2: '2026-11-20T07:00:00.000Z', M3: null }, states: { M1: 'due_soon' },
  }],
  ['missing child, 3 hours on: FIR overdue', other('missing'), AT(3), { live: ['M1', 'M2'], due: { M1: '2026-11-20T07:00:00.000Z', M2: '2026-11-20T07:00:00.000Z' }, states: { M1: 'overdue', M2: 'overdue' } }],
  ['missing child recovered, not yet handed over', other('missing', { missing: { recoveredAt: '2026-11-21T09:00:00+05:00' } }), AT(23.5), {
    live: ['M1', 'M2', 'M3'], due: { M1: '2026-11-20T07:00:00.000Z', M2: '2026-11-20T07:00:00.000Z', M3: '2026-11-21T06:00:00.000Z' }, states: { M3: 'due_soon' },
  }],
  ['missing child recovered and handed over', other('missing', { missing: { recoveredAt: '2026-11-21T09:00:00+05:00', handedOverTo: 'Father', handedOverAt: '2026-11-21T10:00:00+05:00' } }), AT(30), {
    live: ['M1', 'M2', 'M3'], due: { M1: '2026-11-20T07:00:00.000Z', M2: '2026-11-20T07:00:00.000Z', M3: '2026-11-21T06:00:00.000Z' }, states: { M3: 'done' },
    check: (e) => expect(e.obligations.find((o) => o.ruleId === 'M3')?.completion).toMatchObject({ doneAt: '2026-11-21T05:00:00.000Z', late: false, auto: true }),
  }],
  ['found child with no recovery time: hand-over not yet applicable', other('found'), AT(1), { live: [], due: { M3: null } }],
  ['found child recovered', other('found', { missing: { recoveredAt: '2026-11-20T10:30:00+05:00' } }), AT(1), { live: ['M3'], due: { M3: '2026-11-20T07:30:00.000Z' } }],
  // JJSA s.13 protects "the juvenile" (a child in conflict with the law): A16 is not a duty of these cases.
  ['child victim only', other('victim'), AT(1), { live: [], due: { A16: null }, states: { A16: 'not_applicable' } }],
  ['child witness only', other('witness'), AT(1), { live: [], due: { A16: null }, states: { A16: 'not_applicable' } }],
  ['child at risk', other('at_risk'), AT(1), { live: [], due: { A16: null } }],
  ['released 5 hours after arrest: production and six-month alert no longer needed', juvenile({ custody: { releasedAt: '2026-11-20T15:00:00+05:00' } }), AT(30), {
    live: ALL_ARRESTED_MINOR.filter((id) => id !== 'A12'), states: { A6: 'done', A10: 'done', A12: 'not_applicable', A5: 'done' },
    due: { ...minorDue(ALL_ARRESTED_MINOR.filter((id) => id !== 'A12')), A12: '2027-05-20T05:00:00.000Z' },
    check: (e) => expect(e.obligations.find((o) => o.ruleId === 'A6')?.completion).toMatchObject({ auto: true, late: false }),
  }],
  ['produced 30 hours after arrest: done, but late', juvenile({ custody: { producedAt: '2026-11-21T16:00:00+05:00' } }), AT(40), {
    live: ALL_ARRESTED_MINOR, states: { A6: 'done' },
    due: minorDue(ALL_ARRESTED_MINOR, { a17: '2027-05-21T11:00:00.000Z' }),
    check: (e) => expect(e.obligations.find((o) => o.ruleId === 'A6')?.completion?.late).toBe(true),
  }],
  ['not produced 25 hours after arrest: overdue', juvenile(), AT(25), { live: ALL_ARRESTED_MINOR, due: minorDue(), states: { A6: 'overdue', A4: 'overdue', A2: 'overdue' } }],
  ['23 hours after arrest: A6 due soon (in 1 hour)', juvenile(), AT(23), { live: ALL_ARRESTED_MINOR, due: minorDue(), states: { A6: 'due_soon', A4: 'due_soon' } }],
  ['six months and a day in detention: bail as of right', juvenile(), new Date('2027-05-21T06:00:00Z'), { live: ALL_ARRESTED_MINOR, due: minorDue(), states: { A12: 'overdue' } }],
  ['a day short of six months: alert pending', juvenile(), new Date('2027-05-19T05:00:00Z'), { live: ALL_ARRESTED_MINOR, due: minorDue(), states: { A12: 'pending' } }],
  ['arrest at 23:30 Asia/Karachi: clocks run from the Pakistan time', juvenile({ reportedAt: '2026-11-20T23:30:00+05:00', custody: { arrestedAt: '2026-11-20T23:30:00+05:00' } }), new Date('2026-11-20T19:00:00Z'), {
    live: ALL_ARRESTED_MINOR,
    due: {
      A1: '2026-11-20T20:30:00.000Z', A2: '2026-11-20T20:30:00.000Z', A3: '2026-11-20T20:30:00.000Z', A4: '2026-11-21T18:30:00.000Z', A5: null, A6: '2026-11-21T18:30:00.000Z', A7: '2026-11-20T20:30:00.000Z',
      A8: null, A9: null, A10: '2026-11-20T20:30:00.000Z', A12: '2027-05-20T18:30:00.000Z', A13: null, A14: null, A16: null, A17: null,
    },
  }],
  ['arrest on 31 August at 23:30: six months ends on 28 February', juvenile({ reportedAt: '2026-08-31T23:30:00+05:00', custody: { arrestedAt: '2026-08-31T23:30:00+05:00' } }), new Date('2026-09-01T00:00:00Z'), {
    live: ALL_ARRESTED_MINOR, due: { ...juvenileDue(ALL_ARRESTED_MINOR, '2026-08-31T18:30:00.000Z', '2027-02-28T18:30:00.000Z'), A1: '2026-08-31T20:30:00.000Z', A6: '2026-09-01T18:30:00.000Z', A12: '2027-02-28T18:30:00.000Z' },
  }],
  ['arrest on 31 August 2027 at 23:30: six months ends on 29 February 2028 (leap year)', juvenile({ reportedAt: '2027-08-31T23:30:00+05:00', custody: { arrestedAt: '2027-08-31T23:30:00+05:00' } }), new Date('2027-09-01T00:00:00Z'), {
    live: ALL_ARRESTED_MINOR, due: { ...juvenileDue(ALL_ARRESTED_MINOR, '2027-08-31T18:30:00.000Z', '2028-02-29T18:30:00.000Z'), A4: '2027-09-01T18:30:00.000Z', A12: '2028-02-29T18:30:00.000Z' },
  }],
  ['arrest on 31 December at 23:30 in Quetta: the year turns in the due times', juvenile({ reportedAt: '2026-12-31T23:30:00+05:00', custody: { arrestedAt: '2026-12-31T23:30:00+05:00' } }), new Date('2026-12-31T19:00:00Z'), {
    live: ALL_ARRESTED_MINOR, due: { ...juvenileDue(ALL_ARRESTED_MINOR, '2026-12-31T18:30:00.000Z', '2027-06-30T18:30:00.000Z'), A2: '2026-12-31T20:30:00.000Z', A6: '2027-01-01T18:30:00.000Z' },
  }],
  ['held in a police lock-up for a minor offence: violation at once', juvenile({ custody: { place: 'police_lockup' } }), AT(0.5), { live: ALL_ARRESTED_MINOR, due: minorDue(), states: { A5: 'overdue' } }],
  ['held in jail for a major offence: violation', juvenile({ offence: { sections: ['PPC 380'] }, custody: { place: 'jail' } }), AT(0.5), { live: ALL_ARRESTED_MINOR, due: minorDue(), states: { A5: 'overdue' } }],
  ['held in a lock-up in a heinous case: the one recognised exception', juvenile({ offence: { sections: ['PPC 302'] }, custody: { place: 'police_lockup' } }), AT(0.5), { live: HEINOUS_ARRESTED, due: heinousDue(), states: { A5: 'pending' } }],
  ['place of custody not recorded', juvenile({ custody: { place: undefined } }), AT(0.5), { live: ALL_ARRESTED_MINOR, due: minorDue(), states: { A5: 'pending' } }],
  ['guardian informed 1 hour after arrest', juvenile(), AT(3), { live: ALL_ARRESTED_MINOR, due: minorDue(), states: { A2: 'done', A3: 'overdue' }, check: (e) => expect(e.obligations.find((o) => o.ruleId === 'A2')?.completion).toMatchObject({ late: false, auto: false, doneBy: 'officer-1' }) }, { completions: [completion('A2', '2026-11-20T06:00:00.000Z')] }],
  ['guardian informed 3 hours after arrest: done late', juvenile(), AT(4), { live: ALL_ARRESTED_MINOR, due: minorDue(), states: { A2: 'done' }, check: (e) => expect(e.obligations.find((o) => o.ruleId === 'A2')?.completion?.late).toBe(true) }, { completions: [completion('A2', '2026-11-20T08:00:00.000Z')] }],
  ['station target of 3 hours for "as soon as possible"', juvenile(), AT(1), { live: ALL_ARRESTED_MINOR, due: { ...minorDue(ALL_ARRESTED_MINOR, { asap: 3 }), A2: '2026-11-20T08:00:00.000Z', A3: '2026-11-20T08:00:00.000Z', A7: '2026-11-20T08:00:00.000Z' } }, { settings: { asapTargetHours: 3 } }],
  ['unknown section and no maximum entered: class unknown', juvenile({ offence: { sections: ['PPC 999'] } }), AT(1), {
    live: [...ALL_ARRESTED_MINOR, 'A11'], offenceClass: 'unknown', states: { A9: 'cannot_compute', A10: 'cannot_compute', A11: 'cannot_compute' },
    due: minorDue([...ALL_ARRESTED_MINOR, 'A11'], { blocked: ['A10', 'A11'] }),
    check: (e) => {
      const a10 = e.obligations.find((o) => o.ruleId === 'A10')!;
      expect(a10.why.en).toMatch(/PPC 999 is not in the offence table\. Enter the maximum punishment/);
      expect(a10.why.ur).toMatch(/PPC 999/);
    },
  }],
  ['unknown section with the officer’s maximum of 2 years: minor', juvenile({ offence: { sections: ['PPC 999'], maxPunishmentYears: 2 } }), AT(1), { live: ALL_ARRESTED_MINOR, offenceClass: 'minor', due: minorDue() }],
  ['officer enters life for a minor section: the graver wins', juvenile({ offence: { sections: ['PPC 379'], maxPunishmentYears: 'life' } }), AT(1), { live: HEINOUS_ARRESTED, offenceClass: 'heinous', due: heinousDue() }],
  ['no arrest recorded: only duties that need no custody', juvenile({ custody: null }), AT(1), {
    live: ['A1', 'A7', 'A8', 'A9', 'A13', 'A16'], due: { A1: '2026-11-20T07:00:00.000Z', A7: '2026-11-20T07:00:00.000Z', A8: null, A9: null, A13: null, A16: null, A4: null, A6: null, A12: null },
  }],
  ['age 9 at the offence (date of birth)', juvenile({ child: { claimedAge: undefined, dateOfBirth: '2017-01-01' } }), AT(1), { live: ALL_ARRESTED_MINOR, due: minorDue(), check: (e) => expect(e.ageAtOffence?.band).toBe('under_10') }],
  ['tenth birthday on the day of arrest', juvenile({ child: { claimedAge: undefined, dateOfBirth: '2016-11-20' } }), AT(1), { live: ALL_ARRESTED_MINOR, due: minorDue(), check: (e) => expect(e.ageAtArrest).toMatchObject({ years: 10, band: '10_13' }) }],
  ['a day before the fourteenth birthday', juvenile({ child: { claimedAge: undefined, dateOfBirth: '2012-11-21' } }), AT(1), { live: ALL_ARRESTED_MINOR, due: minorDue(), check: (e) => expect(e.ageAtArrest).toMatchObject({ years: 13, band: '10_13' }) }],
  ['sixteenth birthday at 03:00 Pakistan time (still the eve in UTC), heinous', juvenile({ offence: { sections: ['PPC 302'] }, reportedAt: '2026-11-21T03:00:00+05:00', child: { claimedAge: undefined, dateOfBirth: '2010-11-21' }, custody: { arrestedAt: '2026-11-21T03:00:00+05:00' } }), new Date('2026-11-20T23:00:00Z'), {
    live: HEINOUS_ARRESTED,
    due: {
      A1: '2026-11-21T00:00:00.000Z', A2: '2026-11-21T00:00:00.000Z', A3: '2026-11-21T00:00:00.000Z', A4: '2026-11-21T22:00:00.000Z', A5: null, A6: '2026-11-21T22:00:00.000Z', A7: '2026-11-21T00:00:00.000Z',
      A8: null, A11: '2026-11-21T00:00:00.000Z', A12: '2027-05-20T22:00:00.000Z', A13: null, A14: null, A16: null, A17: null,
    },
    check: (e) => {
      expect(e.ageAtArrest).toMatchObject({ years: 16, band: '16_17' });
      expect(e.obligations.find((o) => o.ruleId === 'A11')?.status).toBe('case-law');
    },
  }],
  ['sixteenth birthday the next day in Pakistan, heinous: still 15, A11 unconfirmed', juvenile({ offence: { sections: ['PPC 302'] }, reportedAt: '2026-11-20T23:59:00+05:00', child: { claimedAge: undefined, dateOfBirth: '2010-11-21' }, custody: { arrestedAt: '2026-11-20T23:59:00+05:00' } }), new Date('2026-11-20T19:00:00Z'), {
    live: HEINOUS_ARRESTED, due: juvenileDue(HEINOUS_ARRESTED, '2026-11-20T18:59:00.000Z', '2027-05-20T18:59:00.000Z'),
    check: (e) => {
      expect(e.ageAtArrest).toMatchObject({ years: 15, band: '14_15' });
      expect(e.obligations.find((o) => o.ruleId === 'A11')?.status).toBe('unconfirmed');
    },
  }],
  ['eighteenth birthday on the day of arrest: flagged, age determination first', juvenile({ child: { claimedAge: undefined, dateOfBirth: '2008-11-20' } }), AT(1), { live: ALL_ARRESTED_MINOR, due: minorDue(), problems: ['adult_age_in_juvenile_case'], check: (e) => expect(e.ageAtArrest?.band).toBe('adult_18_plus') }],
  ['claimed age 25 in a juvenile case: flagged, A1 still applies', juvenile({ child: { claimedAge: 25 } }), AT(1), { live: ALL_ARRESTED_MINOR, due: minorDue(), problems: ['adult_age_in_juvenile_case'], states: { A1: 'due_soon' } }],
  ['released before arrested: named problem, clocks cannot be computed', juvenile({ custody: { releasedAt: '2026-11-20T09:00:00+05:00' } }), AT(1), {
    live: ALL_ARRESTED_MINOR, problems: ['released_before_arrest'], states: { A6: 'cannot_compute', A12: 'cannot_compute', A4: 'cannot_compute', A8: 'pending' },
    due: minorDue(ALL_ARRESTED_MINOR, { blocked: ARREST_CLOCKED }),
  }],
  ['produced before arrested', juvenile({ custody: { producedAt: '2026-11-20T09:00:00+05:00' } }), AT(1), {
    live: ALL_ARRESTED_MINOR, problems: ['produced_before_arrest'], states: { A6: 'cannot_compute', A17: 'cannot_compute', A2: 'cannot_compute', A7: 'due_soon' },
    due: minorDue(ALL_ARRESTED_MINOR, { blocked: [...ARREST_CLOCKED, 'A17'] }),
    check: (e) => expect(e.problems[0]).toMatchObject({ ur: expect.stringMatching(/[\u0600-\u06FF]/), fields: ['custody.producedAt', 'custody.arrestedAt'] }),
  }],
  ['date of birth in the future', juvenile({ child: { claimedAge: undefined, dateOfBirth: '2027-01-01' } }), AT(1), {
    live: ALL_ARRESTED_MINOR, due: minorDue(), problems: ['birth_in_future'],
    check: (e) => {
      // No age at all: the form must not tick "Under 10: no offence (PPC s.82)" from a -1.
      expect(e.ageAtOffence).toBeNull();
      expect(e.ageAtArrest).toBeNull();
    },
  }],
  ['arrest time in the future', juvenile({ custody: { arrestedAt: '2026-11-22T10:00:00+05:00' } }), AT(1), {
    live: ALL_ARRESTED_MINOR, problems: ['arrest_in_future'], states: { A6: 'cannot_compute', A7: 'due_soon' },
    due: juvenileDue(ALL_ARRESTED_MINOR, '2026-11-22T05:00:00.000Z', null, { report: A, blocked: ARREST_CLOCKED }),
  }],
  ['recovered before last seen', other('missing', { missing: { lastSeenAt: '2026-11-20T09:00:00+05:00', recoveredAt: '2026-11-20T08:00:00+05:00' } }), AT(1), {
    live: ['M1', 'M2', 'M3'], problems: ['recovered_before_last_seen'], states: { M3: 'cannot_compute' }, due: { M1: '2026-11-20T07:00:00.000Z', M2: '2026-11-20T07:00:00.000Z', M3: null },
  }],

  // Offence class with a section the table lacks.
  ['PPC 302 with a section the table lacks: still heinous', juvenile({ offence: { sections: ['PPC 302', 'PPC 999'] } }), AT(1), {
    live: HEINOUS_ARRESTED, offenceClass: 'heinous', due: heinousDue(), states: { A11: 'due_soon' },
  }],
  ['PPC 380 with a section the table lacks: unknown, the missing section named', juvenile({ offence: { sections: ['PPC 380', 'PPC 888'] } }), AT(1), {
    live: [...ALL_ARRESTED_MINOR, 'A11'], offenceClass: 'unknown', states: { A9: 'cannot_compute', A10: 'cannot_compute', A11: 'cannot_compute' },
    due: minorDue([...ALL_ARRESTED_MINOR, 'A11'], { blocked: ['A10', 'A11'] }),
    check: (e) => expect(e.obligations.find((o) => o.ruleId === 'A9')?.why.en).toMatch(/PPC 888 is not in the offence table/),
  }],
  ['sections as the FIR writes them ("302-PPC", "34 PPC")', juvenile({ offence: { sections: ['302-PPC', '34 PPC'] } }), AT(1), { live: HEINOUS_ARRESTED, offenceClass: 'heinous', due: heinousDue() }],
  ['"9-C CNSA" is CNSA 9(c): heinous', juvenile({ offence: { sections: ['9-C CNSA'] } }), AT(1), { live: HEINOUS_ARRESTED, offenceClass: 'heinous', due: heinousDue() }],

  // Impossible and contradictory ages.
  ['date of birth in the future, heinous: A11 cannot be computed, and says why', juvenile({ offence: { sections: ['PPC 302'] }, child: { claimedAge: undefined, dateOfBirth: '2027-01-01' } }), AT(1), {
    live: HEINOUS_ARRESTED, problems: ['birth_in_future'], states: { A11: 'cannot_compute' }, due: heinousDue(HEINOUS_ARRESTED, { blocked: ['A11'] }),
    check: (e) => {
      const a11 = e.obligations.find((o) => o.ruleId === 'A11')!;
      expect(a11.why.en).toBe('The date of birth is in the future.');
      expect(a11.status).toBe('unconfirmed');
    },
  }],
  ['date of birth after the arrest (but not in the future), heinous', juvenile({ offence: { sections: ['PPC 302'] }, child: { claimedAge: undefined, dateOfBirth: '2026-11-22' } }), AT(120), {
    live: HEINOUS_ARRESTED, problems: ['birth_after_offence'], states: { A11: 'cannot_compute' }, due: heinousDue(HEINOUS_ARRESTED, { blocked: ['A11'] }),
    check: (e) => {
      expect(e.ageAtArrest).toBeNull();
      expect(e.obligations.find((o) => o.ruleId === 'A11')?.why.en).toMatch(/date of birth is after/);
    },
  }],
  ['no age at all, heinous: A11 cannot be computed, not case-law by default', juvenile({ offence: { sections: ['PPC 302'] }, child: { claimedAge: undefined } }), AT(1), {
    live: HEINOUS_ARRESTED, states: { A11: 'cannot_compute' }, due: heinousDue(HEINOUS_ARRESTED, { blocked: ['A11'] }),
    check: (e) => {
      const a11 = e.obligations.find((o) => o.ruleId === 'A11')!;
      expect(a11.status).toBe('unconfirmed');
      expect(a11.statusNote?.en).toMatch(/turns on the age/);
      expect(a11.why.en).toMatch(/determine the age \(A1\)/);
    },
  }],
  ['no age, heinous, unconfirmed rules off: A11 is not switched off, it cannot be computed', juvenile({ offence: { sections: ['PPC 302'] }, child: { claimedAge: undefined } }), AT(1), {
    live: HEINOUS_ARRESTED.filter((id) => id !== 'A13' && id !== 'A14'), states: { A11: 'cannot_compute' },
    due: heinousDue(HEINOUS_ARRESTED.filter((id) => id !== 'A13' && id !== 'A14'), { blocked: ['A11'] }),
  }, { settings: { unconfirmedRules: 'off' } }],
  ['date of birth 16, claimed 12: contradiction named, A11 cannot be computed', juvenile({ offence: { sections: ['PPC 302'] }, child: { claimedAge: 12, dateOfBirth: '2010-06-01' } }), AT(1), {
    live: HEINOUS_ARRESTED, problems: ['dob_contradicts_claimed_age'], states: { A11: 'cannot_compute', A1: 'due_soon' }, due: heinousDue(HEINOUS_ARRESTED, { blocked: ['A11'] }),
    check: (e) => {
      expect(e.problems[0]).toMatchObject({ fields: ['child.dateOfBirth', 'child.claimedAge'], en: expect.stringMatching(/16 years .* claimed age is 12/) });
      expect(e.problems[0]!.ur).toMatch(/[\u0600-\u06FF]/);
    },
  }],
  ['date of birth 16, claimed 14: within two years, no problem', juvenile({ offence: { sections: ['PPC 302'] }, child: { claimedAge: 14, dateOfBirth: '2010-06-01' } }), AT(1), {
    live: HEINOUS_ARRESTED, due: heinousDue(), check: (e) => expect(e.obligations.find((o) => o.ruleId === 'A11')?.status).toBe('case-law'),
  }],
  ['FIR dated the day after the arrest: named, the arrest clocks cannot be computed', juvenile({ offence: { firDate: '2026-11-21' } }), AT(1), {
    live: ALL_ARRESTED_MINOR, problems: ['fir_after_arrest'], states: { A6: 'cannot_compute', A2: 'cannot_compute', A7: 'due_soon' },
    due: minorDue(ALL_ARRESTED_MINOR, { blocked: ARREST_CLOCKED }),
    check: (e) => expect(e.problems[0]).toMatchObject({ en: expect.stringMatching(/2026-11-21.*2026-11-20/), fields: ['offence.firDate', 'custody.arrestedAt'] }),
  }],
  ['FIR dated the day of an arrest at 00:30 in Quetta (the eve in UTC): no problem', juvenile({ offence: { firDate: '2026-11-21' }, reportedAt: '2026-11-21T00:30:00+05:00', custody: { arrestedAt: '2026-11-21T00:30:00+05:00' } }), new Date('2026-11-20T20:00:00Z'), {
    live: ALL_ARRESTED_MINOR, due: juvenileDue(ALL_ARRESTED_MINOR, '2026-11-20T19:30:00.000Z', '2027-05-20T19:30:00.000Z'),
  }],
  ['child victim aged 19 at the report: a child case must concern a child', other('victim', { child: { name: 'Test Child', gender: 'female', claimedAge: 19 } }), AT(1), {
    live: [], problems: ['adult_in_child_case'],
    check: (e) => expect(e.problems[0]).toMatchObject({ en: expect.stringMatching(/must concern a child/), fields: ['child.claimedAge'] }),
  }],
  ['missing child whose date of birth makes 18 at the report', other('missing', { child: { name: 'Test Child', gender: 'male', dateOfBirth: '2008-11-20' } }), AT(1), {
    live: ['M1', 'M2'], problems: ['adult_in_child_case'], due: { M1: '2026-11-20T07:00:00.000Z', M2: '2026-11-20T07:00:00.000Z' },
  }],
  ['found child of 17 the day before the eighteenth birthday: no problem', other('found', { child: { name: 'Test Child', gender: 'male', dateOfBirth: '2008-11-21' }, missing: { recoveredAt: ARREST } }), AT(1), {
    live: ['M3'], due: { M3: '2026-11-20T07:00:00.000Z' },
  }],
  ['witness aged 18 (claimed)', other('witness', { child: { name: 'Test Child', gender: 'male', claimedAge: 18 } }), AT(1), { live: [], problems: ['adult_in_child_case'] }],

  // Custody timing.
  ['released 23 hours after arrest: A6 done in time, A4 still on its clock', juvenile({ custody: { releasedAt: '2026-11-21T09:00:00+05:00' } }), AT(23.5), {
    live: ALL_ARRESTED_MINOR.filter((id) => id !== 'A12'), states: { A6: 'done', A10: 'done', A4: 'due_soon', A12: 'not_applicable' },
    due: minorDue(ALL_ARRESTED_MINOR.filter((id) => id !== 'A12')),
    check: (e) => expect(e.obligations.find((o) => o.ruleId === 'A10')?.completion).toMatchObject({ late: true, auto: true }),
  }],
  ['produced at 20 hours, in detention six months on: A12 overdue, A17 six months from production', juvenile({ custody: { producedAt: '2026-11-21T06:00:00+05:00' } }), new Date('2027-05-20T06:00:00Z'), {
    live: ALL_ARRESTED_MINOR, states: { A6: 'done', A12: 'overdue', A17: 'pending' },
    due: minorDue(ALL_ARRESTED_MINOR, { a17: '2027-05-21T01:00:00.000Z' }),
  }],
];

function run([, input, now, , options]: Scenario): Evaluation {
  const data = caseInputSchema.parse(input);
  return evaluate({ case: data, completions: options?.completions ?? [] }, now, { ...DEFAULT_SETTINGS, ...options?.settings });
}

const live = (e: Evaluation) => e.obligations.filter((o) => o.state !== 'not_applicable' && o.state !== 'switched_off').map((o) => o.ruleId).sort(byId);
function byId(a: string, b: string): number {
  return RULE_IDS.indexOf(a) - RULE_IDS.indexOf(b);
}

describe('rule pack scenarios', () => {
  it('has at least 40 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(40);
  });

  it.each(scenarios)('%s', (...scenario) => {
    const expected = scenario[3];
    const evaluation = run(scenario);
    expect(live(evaluation)).toEqual([...expected.live].sort(byId));
    for (const [ruleId, dueAt] of Object.entries(expected.due ?? {})) expect(evaluation.obligations.find((o) => o.ruleId === ruleId)?.dueAt, ruleId).toBe(dueAt);
    for (const [ruleId, state] of Object.entries(expected.states ?? {})) expect(evaluation.obligations.find((o) => o.ruleId === ruleId)?.state, ruleId).toBe(state);
    expect(evaluation.problems.map((p) => p.code)).toEqual(expected.problems ?? []);
    if (expected.offenceClass) expect(evaluation.offenceClass).toBe(expected.offenceClass);
    expected.check?.(evaluation);
  });

  it('states the due time of every live rule in every scenario', () => {
    const missing = scenarios.flatMap(([name, , , expected]) => expected.live.filter((id) => !(id in (expected.due ?? {}))).map((id) => `${name}: ${id}`));
    expect(missing).toEqual([]);
  });

  it('has every rule of the pack live in at least one scenario', () => {
    const seen = new Set(scenarios.flatMap((s) => s[3].live));
    expect(RULE_IDS.filter((id) => !seen.has(id))).toEqual([]);
  });

  it('returns every rule once, overdue first, each with a reason in English and Urdu', () => {
    const evaluation = run(scenarios.find(([name]) => name.startsWith('not produced 25 hours'))!);
    expect(evaluation.obligations.map((o) => o.ruleId).sort(byId)).toEqual(RULE_IDS);
    expect(evaluation.obligations[0]!.state).toBe('overdue');
    for (const o of evaluation.obligations) {
      expect(o.why.en.length, o.ruleId).toBeGreaterThan(5);
      expect(o.why.ur, o.ruleId).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('never presents an unconfirmed rule as law: its status says so', () => {
    const evaluation = run(scenarios[0]!);
    for (const id of ['A13', 'A14']) expect(evaluation.obligations.find((o) => o.ruleId === id)?.status).toBe('unconfirmed');
  });
});
