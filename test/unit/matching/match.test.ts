import { describe, expect, it } from 'vitest';
import {
  createMatchIndex,
  DEFAULT_MIN_SCORE,
  matchPersonOf,
  scorePair,
  suggestAll,
  type MatchableCase,
  type MatchPerson,
} from '../../../src/core/matching/match.js';

const missing = (over: Partial<MatchPerson> = {}): MatchPerson => ({
  caseId: 'M1',
  stationCode: 'QTA01',
  category: 'missing',
  name: 'Zainab Kakar',
  altName: 'زینب کاکڑ',
  fatherName: 'Abdul Rehman Kakar',
  gender: 'female',
  ageYears: 10,
  place: 'Bus stand, Quetta',
  at: '2026-03-01T08:00:00Z',
  ...over,
});

const found = (over: Partial<MatchPerson> = {}): MatchPerson => ({
  caseId: 'F1',
  stationCode: 'PSN01',
  category: 'found',
  name: 'زینب',
  fatherName: 'عبدالرحمن کاکڑ',
  gender: 'female',
  ageYears: 11,
  place: 'Pishin bazaar',
  at: '2026-03-09T14:00:00Z',
  ...over,
});

const weightOf = (result: ReturnType<typeof scorePair>, factor: string) => result.reasons.find((r) => r.factor === factor)?.weight;

describe('scorePair', () => {
  it('scores the same child written differently high, with a reason for every factor', () => {
    const result = scorePair(missing(), found());
    expect(result.score).toBeGreaterThan(0.95);
    expect(result.excluded).toBeUndefined();
    expect(result.reasons.map((r) => r.factor)).toEqual(['name', 'father', 'age', 'gender', 'place', 'time']);
  });

  it('never puts a name in a reason (they are shown on screen)', () => {
    const m = missing();
    const f = found();
    const names = [m.name, m.altName, m.fatherName, f.name, f.fatherName, 'Zainab', 'زینب', 'Kakar', 'کاکڑ', 'Rehman', 'الرحمن'];
    for (const r of scorePair(m, f).reasons) {
      expect(r.ur.length).toBeGreaterThan(0);
      for (const name of names) {
        expect(r.en).not.toContain(name);
        expect(r.ur).not.toContain(name);
      }
    }
    expect(scorePair(m, f).reasons[0]!.en).toMatch(/^names sound alike \(0\.\d\d\)$/);
  });

  it('excludes a boy and a girl whatever the names say', () => {
    const result = scorePair(missing(), found({ gender: 'male' }));
    expect(result).toMatchObject({ score: 0, excluded: 'gender' });
    expect(result.reasons[0]).toMatchObject({ factor: 'gender' });
  });

  it('keeps a child recorded as transgender on one side, with some evidence against', () => {
    const same = scorePair(missing({ gender: 'male', name: 'Ali Kakar', altName: undefined }), found({ gender: 'male', name: 'Ali' }));
    const trans = scorePair(missing({ gender: 'male', name: 'Ali Kakar', altName: undefined }), found({ gender: 'transgender', name: 'Ali' }));
    expect(trans.excluded).toBeUndefined();
    expect(weightOf(trans, 'gender')).toBeLessThan(0);
    expect(trans.score).toBeLessThan(same.score);
    expect(trans.score).toBeGreaterThan(DEFAULT_MIN_SCORE);
  });

  it('excludes a child found more than a day before the other was last seen, and tolerates less', () => {
    const before = scorePair(missing(), found({ at: '2026-02-27T08:00:00Z' }));
    expect(before).toMatchObject({ score: 0, excluded: 'time' });
    expect(before.reasons[0]!.en).toContain('2 days before');
    const clockSlip = scorePair(missing(), found({ at: '2026-03-01T00:00:00Z' }));
    expect(clockSlip.excluded).toBeUndefined();
    expect(clockSlip.score).toBeGreaterThan(0.9);
  });

  it('gives full credit for ages within 2 years, fading to nothing at 3 and against beyond 4', () => {
    const age = (years: number) => weightOf(scorePair(missing({ ageYears: 10 }), found({ ageYears: years })), 'age')!;
    expect(age(10)).toBe(1);
    expect(age(12)).toBe(1);
    expect(age(8)).toBe(1);
    expect(age(13)).toBeCloseTo(0, 1);
    expect(age(14)).toBeLessThan(0);
    expect(age(16)).toBeLessThan(age(14));
  });

  it('lets the missing child grow older by the time between', () => {
    const later = scorePair(missing({ ageYears: 8 }), found({ ageYears: 11, at: '2029-03-10T00:00:00Z' }));
    expect(weightOf(later, 'age')).toBe(1);
  });

  it("counts the father's name a lot, and a missing one not at all", () => {
    const sameFather = scorePair(missing(), found());
    const otherFather = scorePair(missing(), found({ fatherName: 'Bilal Mengal' }));
    const noFather = scorePair(missing(), found({ fatherName: undefined }));
    expect(weightOf(sameFather, 'father')).toBeGreaterThan(2.5);
    expect(weightOf(otherFather, 'father')).toBeLessThan(-2);
    expect(weightOf(noFather, 'father')).toBe(0);
    expect(noFather.reasons.find((r) => r.factor === 'father')!.en).toContain('not recorded');
    expect(otherFather.score).toBeLessThan(DEFAULT_MIN_SCORE);
    expect(noFather.score).toBeGreaterThan(otherFather.score);
  });

  it('prefers the same district to a neighbouring one to one far away', () => {
    const place = (where: string | undefined) => weightOf(scorePair(missing(), found({ place: where })), 'place')!;
    expect(place('Sariab Road, Quetta')).toBeGreaterThan(place('Pishin'));
    expect(place('Pishin')).toBeGreaterThan(place('Turbat'));
    expect(place('Turbat')).toBeLessThan(0);
    expect(place(undefined)).toBe(0);
    expect(place('بس اسٹینڈ کوئٹہ')).toBeGreaterThan(place('Sariab Road, Quetta'));
  });

  it('keeps the score in [0, 1]', () => {
    const far = scorePair(missing(), found({ name: 'Maryam Bugti', fatherName: 'Karim Bugti', ageYears: 3, place: 'Gwadar', at: '2031-01-01T00:00:00Z' }));
    expect(far.score).toBeGreaterThanOrEqual(0);
    expect(far.score).toBeLessThan(0.01);
  });
});

describe('createMatchIndex', () => {
  const people: MatchPerson[] = [
    missing(),
    missing({ caseId: 'M2', name: 'Maryam Kakar', altName: 'مریم کاکڑ', ageYears: 12 }), // her sister
    missing({ caseId: 'M3', name: 'Zainab Mengal', altName: undefined, fatherName: 'Bilal Mengal', place: 'Khuzdar' }),
    missing({ caseId: 'M4', name: 'Zainab Kakar', gender: 'male' }),
    missing({ caseId: 'M5', name: 'Zainab', altName: undefined, fatherName: undefined, ageYears: 10, place: 'Quetta', at: '2026-02-20T00:00:00Z' }),
  ];

  it('suggests the likeliest missing child first, above the threshold, within the limit', () => {
    const index = createMatchIndex(people);
    expect(index.size).toBe(5);
    const suggestions = index.suggest(found());
    expect(suggestions[0]).toMatchObject({ caseId: 'M1', stationCode: 'QTA01' });
    expect(suggestions.every((s) => s.score >= DEFAULT_MIN_SCORE)).toBe(true);
    expect(suggestions.map((s) => s.caseId)).not.toContain('M4'); // a boy
    expect(suggestions.map((s) => s.caseId)).not.toContain('M2'); // the sister
    for (let i = 1; i < suggestions.length; i++) expect(suggestions[i]!.score).toBeLessThanOrEqual(suggestions[i - 1]!.score);
    expect(index.suggest(found(), { limit: 1 })).toHaveLength(1);
    expect(index.suggest(found(), { minScore: 0 }).length).toBeGreaterThanOrEqual(suggestions.length);
    expect(index.suggest(found(), { minScore: 0.999 })).toEqual([]);
  });

  it('gives the same score and reasons as scorePair', () => {
    const index = createMatchIndex(people);
    const [top] = index.suggest(found());
    const direct = scorePair(people[0]!, found());
    expect(top!.score).toBe(direct.score);
    expect(top!.reasons).toEqual(direct.reasons);
  });

  it('forgets a removed child and takes in an added one', () => {
    const index = createMatchIndex(people);
    expect(index.remove('M1')).toBe(true);
    expect(index.remove('M1')).toBe(false);
    expect(index.size).toBe(4);
    expect(index.suggest(found()).map((s) => s.caseId)).not.toContain('M1');
    index.add(people[0]!);
    expect(index.size).toBe(5);
    expect(index.suggest(found())[0]!.caseId).toBe('M1');
  });

  it('replaces a child added again under the same case id (an edited case)', () => {
    const index = createMatchIndex(people);
    index.add(missing({ name: 'Rukhsana Kakar', altName: undefined }));
    expect(index.size).toBe(5);
    expect(index.suggest(found()).map((s) => s.caseId)).not.toContain('M1');
    expect(index.suggest(found({ name: 'رخسانہ' }))[0]!.caseId).toBe('M1');
  });

  it('finds a found child named only by the father, and none without either name', () => {
    const index = createMatchIndex(people);
    expect(index.suggest(found({ name: undefined }), { minScore: 0 }).map((s) => s.caseId)).toContain('M1');
    expect(index.suggest(found({ name: undefined, fatherName: undefined }), { minScore: 0 })).toEqual([]);
  });

  it('never suggests a case to itself', () => {
    const index = createMatchIndex(people);
    expect(index.suggest({ ...people[0]!, category: 'missing', at: '2026-03-05T00:00:00Z' }).map((s) => s.caseId)).not.toContain('M1');
  });
});

describe('suggestAll', () => {
  it('rematches every found child and returns those with suggestions', () => {
    const results = suggestAll([found(), found({ caseId: 'F2', name: 'Shabana', fatherName: 'Tariq' })], [missing()]);
    expect(results).toEqual([{ caseId: 'F1', stationCode: 'PSN01', suggestions: [expect.objectContaining({ caseId: 'M1' })] }]);
  });
});

describe('matchPersonOf', () => {
  const base: MatchableCase = {
    id: 'c1',
    stationCode: 'QTA01',
    category: 'missing',
    status: 'open',
    reportedAt: '2026-03-02T10:00:00Z',
    child: { name: 'Zainab', altName: 'زینب', fatherName: 'Abdul Rehman', gender: 'female', dateOfBirth: '2016-03-01', district: 'Quetta' },
    missing: { lastSeenAt: '2026-03-01T08:00:00Z', lastSeenPlace: 'Bus stand' },
  };

  it('puts an open missing child on the missing side, as last seen', () => {
    expect(matchPersonOf(base)).toEqual({
      side: 'missing',
      person: {
        caseId: 'c1', stationCode: 'QTA01', category: 'missing', name: 'Zainab', altName: 'زینب', fatherName: 'Abdul Rehman',
        gender: 'female', ageYears: 10, place: 'Bus stand, Quetta', at: '2026-03-01T08:00:00Z',
      },
    });
  });

  it('puts a recovered missing child, and found and at-risk children, on the found side', () => {
    const recovered = matchPersonOf({ ...base, missing: { ...base.missing, recoveredAt: '2026-04-01T00:00:00Z', recoveredPlace: 'Edhi centre' } }, 'Pishin');
    expect(recovered).toMatchObject({ side: 'found', person: { at: '2026-04-01T00:00:00Z', place: 'Edhi centre, Pishin, Quetta' } });
    const foundChild = matchPersonOf({ ...base, category: 'found', missing: undefined, child: { gender: 'male', claimedAge: 9 } }, 'Pishin');
    expect(foundChild).toEqual({
      side: 'found',
      person: { caseId: 'c1', stationCode: 'QTA01', category: 'found', gender: 'male', ageYears: 9, place: 'Pishin', at: '2026-03-02T10:00:00Z' },
    });
    expect(matchPersonOf({ ...base, category: 'at_risk' })?.side).toBe('found');
  });

  it('leaves out closed missing cases and other categories', () => {
    expect(matchPersonOf({ ...base, status: 'closed' })).toBeNull();
    expect(matchPersonOf({ ...base, category: 'in_conflict' })).toBeNull();
    expect(matchPersonOf({ ...base, category: 'victim' })).toBeNull();
  });
});

describe('decisions take children out of the suggestion pool', () => {
  const sister = found({ caseId: 'F2', stationCode: 'KHZ01', name: 'Zainab', fatherName: 'Abdul Rehman', at: '2026-03-10T10:00:00Z' });
  const twin = missing({ caseId: 'M2', place: 'Quetta', at: '2026-03-02T08:00:00Z' });

  it('suggests neither child of a confirmed pair for anyone else', () => {
    const before = suggestAll([found(), sister], [missing(), twin]);
    expect(before.flatMap((f) => f.suggestions.map((s) => `${s.caseId}|${f.caseId}`))).toEqual(expect.arrayContaining(['M1|F1', 'M1|F2']));
    const after = suggestAll([found(), sister], [missing(), twin], { decisions: [{ missingCaseId: 'M1', foundCaseId: 'F1', decision: 'confirmed' }] });
    // F1 is settled: nothing is suggested for it; M1 is found: it is suggested for no one.
    expect(after.map((f) => f.caseId)).not.toContain('F1');
    expect(after.flatMap((f) => f.suggestions.map((s) => s.caseId))).not.toContain('M1');
    expect(after.find((f) => f.caseId === 'F2')?.suggestions.map((s) => s.caseId)).toContain('M2');
  });

  it('leaves out only the pair of a rejection', () => {
    const after = suggestAll([found(), sister], [missing()], { decisions: [{ missingCaseId: 'M1', foundCaseId: 'F1', decision: 'rejected' }] });
    expect(after.map((f) => f.caseId)).toEqual(['F2']);
    expect(after[0]!.suggestions[0]!.caseId).toBe('M1');
  });

  it('fills the limit past excluded children rather than returning fewer', () => {
    const index = createMatchIndex([missing(), twin]);
    expect(index.suggest(found(), { limit: 1, exclude: (id) => id === 'M1' }).map((s) => s.caseId)).toEqual(['M2']);
  });
});

describe('pruning pairs that cannot reach the threshold', () => {
  it('gives exactly the suggestions of scoring every candidate', async () => {
    const { generateMatchingSet } = await import('../../support/generate-matching-set.js');
    const set = generateMatchingSet({ missing: 800, found: 150, partnered: 60, seed: 11 });
    const index = createMatchIndex(set.missing);
    for (const f of set.found) {
      const all = index.suggest(f, { minScore: 0, limit: 10_000 }).filter((s) => s.score >= DEFAULT_MIN_SCORE);
      expect(index.suggest(f, { limit: 10_000 })).toEqual(all);
    }
  });
});
