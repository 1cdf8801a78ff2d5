import { ageAt } from '../age.js';
import { blockKeysOf, compareParsedNames, pairKeysOf, parseName, type NameComparison, type ParsedName } from './names.js';
import { comparePlaces, preparePlace, type PlaceAgreement, type PreparedPlace } from './places.js';

/**
 * Missing/found matching for the district CPU: a child reported missing at one station against a child
 * found, destitute or recovered at another.
 *
 * A pair is scored like a record-linkage decision (Fellegi–Sunter): each factor adds evidence for or against
 * the pair being one child, in log-odds, and the sum becomes a score in [0, 1]. A factor that is not recorded
 * on both sides adds nothing, so a missing father's name neither helps nor hurts.
 * - gender: male and female never match. A child recorded as transgender on one side and male or female on
 *   the other is kept, with some evidence against: families often report a transgender child as a boy (or
 *   girl), and a found child may be recorded as they present.
 * - time: a child found more than a day before the other was last seen is not that child (the day allows for
 *   clocks and entry errors). Found within weeks adds a little; a year or more later takes a little away.
 * - names: agreement counts for more the more of the name it rests on (given name and tribe more than a
 *   given name alone, Muhammad alone little), so a lone common first name does not carry a pair.
 * - name (either script, spelling variants, order, first name only) and father's name weigh most.
 * - age: children's ages are often estimated; within 2 years (after the time between) agrees fully, the
 *   agreement fades to nothing at 3 years and turns against beyond 4.
 * - place: same spot, same district, neighbouring district, different district.
 */

export type MatchGender = 'male' | 'female' | 'transgender';

export type MatchPerson = {
  caseId: string;
  stationCode: string;
  category: string;
  name?: string;
  /** The same name in the other script. */
  altName?: string;
  fatherName?: string;
  gender: MatchGender;
  /** Age in years at `at`: from the date of birth, else the claimed or apparent age. */
  ageYears?: number;
  /** Last seen place and district for a missing child; where found (and district) for a found child. */
  place?: string;
  /** ISO instant: last seen for a missing child; reported found or recovered for a found child. */
  at: string;
};

export type MatchFactor = 'name' | 'father' | 'age' | 'gender' | 'place' | 'time';
export type MatchReason = { factor: MatchFactor; en: string; ur: string; weight: number };
export type PairScore = {
  score: number;
  reasons: MatchReason[];
  /** Set when the pair cannot be one child whatever the names say. */
  excluded?: 'gender' | 'time';
};
export type Suggestion = { caseId: string; stationCode: string; score: number; reasons: MatchReason[] };
export type SuggestOptions = {
  limit?: number;
  minScore?: number;
  /** Missing children not to suggest (e.g. a pair already decided, or a child already confirmed found). */
  exclude?: (missingCaseId: string) => boolean;
};

/**
 * The score above which a pair is suggested. Tuned on the generated evaluation set
 * (test/unit/matching/evaluation.test.ts, seed 7: 2,000 missing, 600 found, 400 true pairs): top-1 recall
 * 0.93 and precision 0.92 there, 0.94 / 0.93 on a held-out seed. Lower (0.45) finds ~2% more partners for
 * ~2% more wrong first suggestions; higher (0.65) the reverse.
 */
export const DEFAULT_MIN_SCORE = 0.55;
/** A found child may be reported this much before the missing child was last seen (clocks, typing). */
export const FOUND_BEFORE_LOST_TOLERANCE_MS = 24 * 3600_000;

const DAY_MS = 24 * 3600_000;
const YEAR_MS = 365.25 * DAY_MS;
/** The odds before any evidence: most pairs of children are not one child. */
const PRIOR = -3.5;

// ---------------------------------------------------------------------------------------------------------
// Prepared persons: everything scoring needs, parsed once.

type Prepared = {
  person: MatchPerson;
  names: ParsedName[];
  father: ParsedName | undefined;
  place: PreparedPlace | undefined;
  atMs: number;
};

function prepare(person: MatchPerson): Prepared {
  const names: ParsedName[] = [];
  for (const text of [person.name, person.altName]) {
    const parsed = text ? parseName(text) : undefined;
    // The Urdu and Roman spellings of one name usually read alike: compare them once.
    if (parsed?.tokens.length && !names.some((n) => n.signature === parsed.signature)) names.push(parsed);
  }
  const father = person.fatherName ? parseName(person.fatherName) : undefined;
  const atMs = Date.parse(person.at);
  if (Number.isNaN(atMs)) throw new Error(`case ${person.caseId}: 'at' must be an ISO instant`);
  return { person, names, father: father?.tokens.length ? father : undefined, place: preparePlace(person.place), atMs };
}

function bestNameComparison(a: ParsedName[], b: ParsedName[]): NameComparison | undefined {
  let best: NameComparison | undefined;
  for (const x of a) {
    for (const y of b) {
      const result = compareParsedNames(x, y);
      if (!best || result.score > best.score || (result.score === best.score && result.evidence > best.evidence)) best = result;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// Evidence curves (log-odds)

function curve(points: Array<[number, number]>, x: number): number {
  const first = points[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x0, y0] = points[i - 1]!;
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return points[points.length - 1]![1];
}

const NAME_CURVE: Array<[number, number]> = [[0, -4], [0.5, -3], [0.7, -1], [0.8, 0.5], [0.9, 2.5], [1, 4]];
const FATHER_CURVE: Array<[number, number]> = [[0, -3.5], [0.5, -2.5], [0.7, -1], [0.8, 0.5], [0.9, 2.5], [1, 3.5]];
/** Years apart (after allowing for the time between) -> evidence. */
const AGE_CURVE: Array<[number, number]> = [[0, 1], [2, 1], [3, 0], [4, -1], [6, -3], [10, -4]];
/** Days from last seen to found -> evidence. */
const TIME_CURVE: Array<[number, number]> = [[0, 0.6], [30, 0.5], [90, 0.2], [365, -0.3], [5 * 365, -1]];
const PLACE_EVIDENCE: Record<PlaceAgreement, number> = { same_spot: 1.2, same_district: 0.8, neighbouring: 0.4, different: -0.5, unknown: 0 };
const TRANSGENDER_EVIDENCE = -0.7;

/**
 * Agreement on a name says more the more it rests on: a given name and a tribe (evidence 1.6) more than a
 * given name alone (1), and Muhammad alone (0.25) little. Scale what agreement adds accordingly.
 */
function nameEvidence(points: Array<[number, number]>, comparison: NameComparison): number {
  const raw = curve(points, comparison.score);
  return raw > 0 ? raw * Math.min(1.1, Math.max(0.3, 0.2 + 0.5 * comparison.evidence)) : raw;
}

const fixed = (x: number, digits = 2) => x.toFixed(digits);
const round = (x: number) => Math.round(x * 100) / 100;

function nameReason(factor: 'name' | 'father', comparison: NameComparison | undefined): MatchReason {
  const father = factor === 'father';
  if (!comparison) {
    return father
      ? { factor, en: "father's name not recorded on one side", ur: 'ایک طرف والد کا نام درج نہیں', weight: 0 }
      : { factor, en: 'name not recorded on one side', ur: 'ایک طرف نام درج نہیں', weight: 0 };
  }
  const weight = round(nameEvidence(father ? FATHER_CURVE : NAME_CURVE, comparison));
  const s = fixed(comparison.score);
  if (comparison.score >= 0.85) {
    return father
      ? { factor, en: `fathers' names sound alike (${s})`, ur: `والد کے نام ملتے جلتے ہیں (${s})`, weight }
      : { factor, en: `names sound alike (${s})`, ur: `نام ملتے جلتے ہیں (${s})`, weight };
  }
  if (comparison.score >= 0.7) {
    return father
      ? { factor, en: `fathers' names are partly alike (${s})`, ur: `والد کے نام کچھ ملتے ہیں (${s})`, weight }
      : { factor, en: `names are partly alike (${s})`, ur: `نام کچھ ملتے ہیں (${s})`, weight };
  }
  return father
    ? { factor, en: `fathers' names differ (${s})`, ur: `والد کے نام مختلف ہیں (${s})`, weight }
    : { factor, en: `names differ (${s})`, ur: `نام مختلف ہیں (${s})`, weight };
}

/** Years between the found child's age and the missing child's age grown by the time between. */
function ageApart(missing: Prepared, found: Prepared): number | undefined {
  const m = missing.person.ageYears;
  const f = found.person.ageYears;
  if (m === undefined || f === undefined) return undefined;
  // Ages are whole years, so the time between counts in whole years too.
  return Math.abs(f - (m + Math.round(Math.max(0, found.atMs - missing.atMs) / YEAR_MS)));
}

function ageReason(missing: Prepared, found: Prepared): MatchReason {
  const apart = ageApart(missing, found);
  if (apart === undefined) return { factor: 'age', en: 'age not recorded on one side', ur: 'ایک طرف عمر درج نہیں', weight: 0 };
  const weight = round(curve(AGE_CURVE, apart));
  const years = Math.round(apart);
  if (apart <= 2) {
    return years === 0
      ? { factor: 'age', en: 'ages agree', ur: 'عمریں ملتی ہیں', weight }
      : { factor: 'age', en: `ages agree within ${years} year${years === 1 ? '' : 's'}`, ur: `عمریں ملتی ہیں (${years} سال کا فرق)`, weight };
  }
  return { factor: 'age', en: `ages differ by ${years} years`, ur: `عمروں میں ${years} سال کا فرق ہے`, weight };
}

const PLACE_TEXT: Record<PlaceAgreement, { en: string; ur: string }> = {
  same_spot: { en: 'same place', ur: 'ایک ہی جگہ' },
  same_district: { en: 'same district', ur: 'ایک ہی ضلع' },
  neighbouring: { en: 'neighbouring districts', ur: 'ہمسایہ اضلاع' },
  different: { en: 'districts far apart', ur: 'اضلاع دور دور ہیں' },
  unknown: { en: 'places cannot be compared', ur: 'جگہوں کا موازنہ ممکن نہیں' },
};

function timeReason(days: number): MatchReason {
  const d = Math.floor(days);
  const weight = round(curve(TIME_CURVE, Math.max(0, days)));
  if (days < 1) return { factor: 'time', en: 'found within a day of last seen', ur: 'آخری بار دیکھے جانے کے ایک دن کے اندر ملنے کی اطلاع', weight };
  return { factor: 'time', en: `found ${d} days after last seen`, ur: `آخری بار دیکھے جانے کے ${d} دن بعد ملنے کی اطلاع`, weight };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const toScore = (total: number) => Math.round(logistic(total) * 1000) / 1000;

/** The evidence of one pair, as numbers: cheap enough to compute for every candidate. */
type Evidence = {
  excluded?: 'gender' | 'time';
  names?: NameComparison;
  fathers?: NameComparison;
  place: PlaceAgreement;
  total: number;
};

/**
 * What one suggest() remembers about its found child: comparisons against names, fathers' names and places
 * already seen (namesakes are many, and each reading of a name is one object), so each is made once.
 */
type QueryMemo = {
  names: Map<ParsedName, NameComparison>;
  fathers: Map<ParsedName, NameComparison>;
  places: Map<PreparedPlace, PlaceAgreement>;
};

/**
 * Memos kept by an index across queries, by what the found child brings (their names, their father's name,
 * their place; each one object per reading, see parseName and preparePlace): found children share fathers'
 * names and places, so after the first few queries most comparisons are already known. Dropped wholesale
 * when they grow past MEMO_LIMIT found keys.
 */
type SharedMemos = {
  names: Map<string, Map<ParsedName, NameComparison>>;
  fathers: Map<ParsedName | undefined, Map<ParsedName, NameComparison>>;
  places: Map<PreparedPlace | undefined, Map<PreparedPlace, PlaceAgreement>>;
};
const MEMO_LIMIT = 20_000;

function memoOf<K, T>(shared: Map<K, T>, key: K, make: () => T): T {
  let memo = shared.get(key);
  if (memo === undefined) {
    if (shared.size >= MEMO_LIMIT) shared.clear();
    memo = make();
    shared.set(key, memo);
  }
  return memo;
}

function queryMemo(shared: SharedMemos, found: Prepared): QueryMemo {
  return {
    names: memoOf(shared.names, found.names.map((n) => n.signature).join('|'), () => new Map()),
    fathers: memoOf(shared.fathers, found.father, () => new Map()),
    places: memoOf(shared.places, found.place, () => new Map()),
  };
}

function memoised<K, V>(memo: Map<K, V> | undefined, key: K, compute: () => V): V {
  if (!memo) return compute();
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    memo.set(key, value);
  }
  return value;
}

/** The most a name and a father's name can add (the curves' top, scaled by the most informative name). */
const NAME_MAX = 4 * 1.1;
const FATHER_MAX = 3.5 * 1.1;

/** The evidence total below which a pair's rounded score is under `minScore`: pairs under it need no names. */
function floorOf(minScore: number): number {
  const p = minScore - 0.0005;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  return Math.log(p / (1 - p)) - 1e-9;
}

/**
 * The evidence of one pair. With a `floor`, a pair whose evidence cannot reach it, whatever its names say, is
 * left as soon as that is known (returns null): the cheap factors and the father's name first, the child's
 * name, the dearest comparison, only when it could still lift the pair over the floor. The total is summed
 * in the same order either way, so a pair that is scored scores exactly the same.
 */
function weigh(missing: Prepared, found: Prepared, memo?: QueryMemo): Evidence;
function weigh(missing: Prepared, found: Prepared, memo: QueryMemo | undefined, floor: number): Evidence | null;
function weigh(missing: Prepared, found: Prepared, memo?: QueryMemo, floor = -Infinity): Evidence | null {
  const mg = missing.person.gender;
  const fg = found.person.gender;
  if (mg !== fg && mg !== 'transgender' && fg !== 'transgender') return { excluded: 'gender', place: 'unknown', total: -Infinity };
  if (found.atMs - missing.atMs < -FOUND_BEFORE_LOST_TOLERANCE_MS) return { excluded: 'time', place: 'unknown', total: -Infinity };
  const age = ageApart(missing, found);
  const ageEvidence = age === undefined ? 0 : curve(AGE_CURVE, age);
  const genderEvidence = mg !== fg ? TRANSGENDER_EVIDENCE : 0;
  const missingPlace = missing.place;
  let place: PlaceAgreement = 'unknown';
  if (missingPlace) {
    const known = memo?.places.get(missingPlace);
    if (known !== undefined) place = known;
    else {
      place = comparePlaces(missingPlace, found.place);
      memo?.places.set(missingPlace, place);
    }
  }
  const timeEvidence = curve(TIME_CURVE, Math.max(0, (found.atMs - missing.atMs) / DAY_MS));
  const hasNames = found.names.length > 0 && missing.names.length > 0;
  const father = missing.father;
  const hasFathers = father !== undefined && found.father !== undefined;
  const rest = ageEvidence + genderEvidence + PLACE_EVIDENCE[place] + timeEvidence;
  if (PRIOR + rest + (hasNames ? NAME_MAX : 0) + (hasFathers ? FATHER_MAX : 0) < floor) return null;
  let fathers: NameComparison | undefined;
  if (hasFathers) {
    fathers = memo?.fathers.get(father);
    if (fathers === undefined) {
      fathers = compareParsedNames(father, found.father!);
      memo?.fathers.set(father, fathers);
    }
  }
  const fatherEvidence = fathers ? nameEvidence(FATHER_CURVE, fathers) : 0;
  if (PRIOR + rest + (hasNames ? NAME_MAX : 0) + fatherEvidence < floor) return null;
  let names: NameComparison | undefined;
  if (hasNames) {
    for (const name of missing.names) {
      const c = memoised(memo?.names, name, () => bestNameComparison([name], found.names)!);
      if (!names || c.score > names.score || (c.score === names.score && c.evidence > names.evidence)) names = c;
    }
  }
  let total = PRIOR;
  if (names) total += nameEvidence(NAME_CURVE, names);
  if (fathers) total += fatherEvidence;
  if (age !== undefined) total += ageEvidence;
  if (mg !== fg) total += TRANSGENDER_EVIDENCE;
  total += PLACE_EVIDENCE[place];
  total += timeEvidence;
  return { names, fathers, place, total };
}

/** The evidence in sentences, English and Urdu, without names: what a screen shows beside a suggestion. */
function explain(missing: Prepared, found: Prepared, evidence: Evidence): MatchReason[] {
  const gapMs = found.atMs - missing.atMs;
  if (evidence.excluded === 'gender') {
    return [{ factor: 'gender', en: 'genders differ: not the same child', ur: 'جنس مختلف ہے: یہ وہی بچہ نہیں', weight: 0 }];
  }
  if (evidence.excluded === 'time') {
    const days = Math.ceil(-gapMs / DAY_MS);
    return [{ factor: 'time', en: `found ${days} days before last seen: not the same disappearance`, ur: `آخری بار دیکھے جانے سے ${days} دن پہلے ملنے کی اطلاع: یہ وہی گمشدگی نہیں`, weight: 0 }];
  }
  const sameGender = missing.person.gender === found.person.gender;
  return [
    nameReason('name', evidence.names),
    nameReason('father', evidence.fathers),
    ageReason(missing, found),
    sameGender
      ? { factor: 'gender', en: 'same gender', ur: 'جنس ایک ہی ہے', weight: 0 }
      : { factor: 'gender', en: 'recorded as transgender on one side', ur: 'ایک طرف خواجہ سرا درج ہے', weight: TRANSGENDER_EVIDENCE },
    { factor: 'place', ...PLACE_TEXT[evidence.place], weight: PLACE_EVIDENCE[evidence.place] },
    timeReason(gapMs / DAY_MS),
  ];
}

function scorePrepared(missing: Prepared, found: Prepared): PairScore {
  const evidence = weigh(missing, found);
  const reasons = explain(missing, found, evidence);
  if (evidence.excluded) return { score: 0, excluded: evidence.excluded, reasons };
  return { score: toScore(evidence.total), reasons };
}

/** Scores one missing child against one found child. */
export function scorePair(missing: MatchPerson, found: MatchPerson): PairScore {
  return scorePrepared(prepare(missing), prepare(found));
}

// ---------------------------------------------------------------------------------------------------------
// The index

export type MatchIndex = {
  readonly size: number;
  /** Adds a missing child, or replaces the one with the same case id. */
  add(person: MatchPerson): void;
  /** Removes a missing child (found, closed, withdrawn); false if it was not there. */
  remove(caseId: string): boolean;
  /** The likeliest missing children for one found child, best first. */
  suggest(found: MatchPerson, options?: SuggestOptions): Suggestion[];
};

type Entry = Prepared & { blockKeys: string[]; seen: number };

const COMPATIBLE: Record<MatchGender, MatchGender[]> = {
  male: ['male', 'transgender'],
  female: ['female', 'transgender'],
  transgender: ['male', 'female', 'transgender'],
};

function blockKeysOfPrepared(p: Prepared): { names: string[]; father: string[] } {
  const names = new Set<string>();
  for (const n of p.names) for (const k of blockKeysOf(n)) names.add(k);
  return { names: [...names], father: p.father ? pairKeysOf(p.father) : [] };
}

/**
 * An index of open missing children. A found child is compared only with the missing children of a
 * compatible gender who share a block key (a name word or father's name word, phonetically), so one
 * suggestion touches hundreds of cases, not every open one.
 */
export function createMatchIndex(missing: Iterable<MatchPerson> = []): MatchIndex {
  const entries = new Map<string, Entry>();
  // Posting lists as arrays: a query walks ~1.6 M of them for 2,000 found children, and arrays walk faster.
  const postings = new Map<string, Entry[]>();
  let query = 0;
  const shared: SharedMemos = { names: new Map(), fathers: new Map(), places: new Map() };

  const post = (key: string, entry: Entry) => {
    let list = postings.get(key);
    if (!list) postings.set(key, (list = []));
    list.push(entry);
  };

  const remove = (caseId: string): boolean => {
    const entry = entries.get(caseId);
    if (!entry) return false;
    for (const key of entry.blockKeys) {
      const list = postings.get(key);
      const at = list ? list.indexOf(entry) : -1;
      if (at < 0) continue;
      // Order within a list does not matter (suggestions are sorted by score, then case id).
      list![at] = list![list!.length - 1]!;
      list!.pop();
      if (!list!.length) postings.delete(key);
    }
    entries.delete(caseId);
    return true;
  };

  const add = (person: MatchPerson) => {
    remove(person.caseId);
    const prepared = prepare(person);
    const keys = blockKeysOfPrepared(prepared);
    const g = person.gender;
    const blockKeys = [...keys.names.map((k) => `${g}:n:${k}`), ...keys.father.map((k) => `${g}:f:${k}`)];
    const entry: Entry = { ...prepared, blockKeys, seen: 0 };
    entries.set(person.caseId, entry);
    for (const key of blockKeys) post(key, entry);
  };

  const suggest = (found: MatchPerson, options: SuggestOptions = {}): Suggestion[] => {
    const limit = options.limit ?? 5;
    const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
    const f = prepare(found);
    const keys = blockKeysOfPrepared(f);
    const stamp = ++query;
    const latestLost = f.atMs + FOUND_BEFORE_LOST_TOLERANCE_MS;
    const memo = queryMemo(shared, f);
    const floor = floorOf(minScore);
    const exclude = options.exclude;
    const kept: Array<{ entry: Entry; evidence: Evidence; score: number }> = [];
    const consider = (list: Entry[] | undefined) => {
      if (!list) return;
      for (let i = 0; i < list.length; i++) {
        const m = list[i]!;
        if (m.seen === stamp) continue;
        m.seen = stamp;
        if (m.atMs > latestLost || m.person.caseId === found.caseId) continue;
        if (exclude?.(m.person.caseId)) continue;
        const evidence = weigh(m, f, memo, floor);
        if (!evidence || evidence.excluded) continue;
        const score = toScore(evidence.total);
        if (score >= minScore) kept.push({ entry: m, evidence, score });
      }
    };
    for (const g of COMPATIBLE[found.gender]) {
      for (const k of keys.names) consider(postings.get(`${g}:n:${k}`));
      for (const k of keys.father) consider(postings.get(`${g}:f:${k}`));
    }
    kept.sort((a, b) => b.score - a.score || (a.entry.person.caseId < b.entry.person.caseId ? -1 : 1));
    return kept.slice(0, limit).map(({ entry, evidence, score }) => ({
      caseId: entry.person.caseId,
      stationCode: entry.person.stationCode,
      score,
      reasons: explain(entry, f, evidence),
    }));
  };

  for (const person of missing) add(person);
  return {
    get size() {
      return entries.size;
    },
    add,
    remove,
    suggest,
  };
}

export type FoundSuggestions = { caseId: string; stationCode: string; suggestions: Suggestion[] };

/** A person's decision on a suggested pair, as the district remembers it. */
export type MatchDecision = { missingCaseId: string; foundCaseId: string; decision: 'confirmed' | 'rejected' };

/**
 * What decisions take out of the suggestion pool: a rejected pair is never suggested again; a confirmed pair
 * is one child, so neither the missing child nor the found child is suggested for anyone else.
 */
export type DecisionFilter = {
  /** A found child already confirmed as some missing child: nothing to suggest for them. */
  foundSettled(foundCaseId: string): boolean;
  /** The missing children not to suggest for this found child. */
  excludeFor(foundCaseId: string): (missingCaseId: string) => boolean;
};

export function decisionFilter(decisions: Iterable<MatchDecision>): DecisionFilter {
  const confirmedMissing = new Set<string>();
  const confirmedFound = new Set<string>();
  const rejected = new Map<string, Set<string>>();
  for (const d of decisions) {
    if (d.decision === 'confirmed') {
      confirmedMissing.add(d.missingCaseId);
      confirmedFound.add(d.foundCaseId);
    } else {
      let set = rejected.get(d.foundCaseId);
      if (!set) rejected.set(d.foundCaseId, (set = new Set()));
      set.add(d.missingCaseId);
    }
  }
  return {
    foundSettled: (foundCaseId) => confirmedFound.has(foundCaseId),
    excludeFor(foundCaseId) {
      const no = rejected.get(foundCaseId);
      return no ? (id) => confirmedMissing.has(id) || no.has(id) : (id) => confirmedMissing.has(id);
    },
  };
}

/**
 * Rematching after an import: every found child against every open missing child, through one index.
 * Returns only the found children with at least one suggestion; decided pairs and confirmed children left out.
 */
export function suggestAll(found: MatchPerson[], missing: MatchPerson[], options: SuggestOptions & { decisions?: Iterable<MatchDecision> } = {}): FoundSuggestions[] {
  return suggestAllFrom(createMatchIndex(missing), found, options);
}

/** suggestAll over an index already built (the district keeps one per open session). */
export function suggestAllFrom(index: MatchIndex, found: Iterable<MatchPerson>, options: SuggestOptions & { decisions?: Iterable<MatchDecision> } = {}): FoundSuggestions[] {
  const { decisions, ...suggestOptions } = options;
  const filter = decisionFilter(decisions ?? []);
  const out: FoundSuggestions[] = [];
  for (const f of found) {
    if (filter.foundSettled(f.caseId)) continue;
    const exclude = filter.excludeFor(f.caseId);
    const given = suggestOptions.exclude;
    const suggestions = index.suggest(f, { ...suggestOptions, exclude: given ? (id) => exclude(id) || given(id) : exclude });
    if (suggestions.length) out.push({ caseId: f.caseId, stationCode: f.stationCode, suggestions });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// From cases

/** The parts of a case (as the district receives it) that matching reads. */
export type MatchableCase = {
  id: string;
  stationCode: string;
  category: string;
  status?: string;
  reportedAt: string;
  child: {
    name?: string;
    altName?: string;
    fatherName?: string;
    gender: MatchGender;
    dateOfBirth?: string;
    claimedAge?: number;
    ageYearsAtReport?: number;
    district?: string;
  };
  missing?: { lastSeenAt?: string; lastSeenPlace?: string; recoveredAt?: string; recoveredPlace?: string };
};

/**
 * Which side of matching a case is on, and its match person: an open missing child not yet recovered is
 * 'missing'; a found or at-risk child, or a missing child recovered, is 'found'. Other cases: null.
 * `stationPlace` (e.g. the station's district) is added to where a child was found.
 */
export function matchPersonOf(c: MatchableCase, stationPlace?: string): { side: 'missing' | 'found'; person: MatchPerson } | null {
  const base = {
    caseId: c.id,
    stationCode: c.stationCode,
    category: c.category,
    ...(c.child.name ? { name: c.child.name } : {}),
    ...(c.child.altName ? { altName: c.child.altName } : {}),
    ...(c.child.fatherName ? { fatherName: c.child.fatherName } : {}),
    gender: c.child.gender,
  };
  const ageOf = (at: string) => ageAt(c.child, at)?.years ?? c.child.ageYearsAtReport;
  const join = (...parts: Array<string | undefined>) => parts.filter(Boolean).join(', ') || undefined;
  const withOptional = (person: MatchPerson, age: number | undefined, place: string | undefined): MatchPerson => ({
    ...person,
    ...(age !== undefined ? { ageYears: age } : {}),
    ...(place ? { place } : {}),
  });
  if (c.category === 'missing' && !c.missing?.recoveredAt) {
    if (c.status === 'closed') return null;
    const at = c.missing?.lastSeenAt ?? c.reportedAt;
    return { side: 'missing', person: withOptional({ ...base, at }, ageOf(at), join(c.missing?.lastSeenPlace, c.child.district)) };
  }
  if (c.category === 'missing' && c.missing?.recoveredAt) {
    const at = c.missing.recoveredAt;
    return { side: 'found', person: withOptional({ ...base, at }, ageOf(at), join(c.missing.recoveredPlace, stationPlace, c.child.district)) };
  }
  if (c.category === 'found' || c.category === 'at_risk') {
    const at = c.missing?.recoveredAt ?? c.reportedAt;
    return { side: 'found', person: withOptional({ ...base, at }, ageOf(at), join(c.missing?.recoveredPlace, stationPlace, c.child.district)) };
  }
  return null;
}
