import type { MaxPunishment } from './case-model.js';

/**
 * Offence classes of the JJSA (s.2): minor (maximum up to 3 years), major (over 3 and up to 7), heinous (over 7,
 * life or death). The class comes from the gravest section charged and is computed, never typed.
 *
 * The table holds the maximum punishment commonly cited for frequent sections in police practice. It is a
 * convenience, not the statute: where a section is missing, has sub-clauses with different punishments, or has
 * been amended, the officer enters the maximum on the case (`offence.maxPunishmentYears`) and that is used.
 * `null` marks sections that carry no punishment of their own (e.g. PPC 34, common intention).
 */
export type OffenceClass = 'minor' | 'major' | 'heinous';

type Entry = [section: string, max: MaxPunishment | null, title: string];

const PPC: Entry[] = [
  ['34', null, 'Common intention'],
  ['109', null, 'Abetment (punished as the offence abetted)'],
  ['147', 2, 'Rioting'],
  ['148', 3, 'Rioting armed with a deadly weapon'],
  ['149', null, 'Unlawful assembly: common object'],
  ['186', 0.25, 'Obstructing a public servant'],
  ['188', 0.5, 'Disobedience of an order of a public servant'],
  ['279', 2, 'Rash driving'],
  ['290', 0, 'Public nuisance (fine only)'],
  ['292-A', 7, 'Exposure to seduction'],
  ['294', 0.25, 'Obscene acts and songs'],
  ['302', 'death', 'Qatl-i-amd'],
  ['302(b)', 'death', 'Qatl-i-amd (ta\'zir)'],
  ['302(c)', 25, 'Qatl-i-amd (c)'],
  ['310-A', 7, 'Giving a female in marriage to settle a dispute'],
  ['316', 14, 'Qatl shibh-i-amd'],
  ['320', 10, 'Qatl-i-khata by rash or negligent driving'],
  ['324', 10, 'Attempt to commit qatl-i-amd'],
  ['328-A', 3, 'Cruelty to a child'],
  ['336', 10, 'Itlaf-i-salahiyyat-i-udw'],
  ['337-A(i)', 2, 'Shajjah-i-khafifah'],
  ['337-A(ii)', 5, 'Shajjah-i-mudihah'],
  ['337-A(iii)', 10, 'Shajjah-i-hashimah'],
  ['337-F(i)', 1, 'Damiyah'],
  ['337-F(ii)', 3, 'Badi\'ah'],
  ['337-F(iii)', 3, 'Mutalahimah'],
  ['337-H(2)', 0.25, 'Hurt by rash or negligent act'],
  ['337-J', 10, 'Causing hurt by poison'],
  ['337-L(2)', 2, 'Other hurt'],
  ['341', 1 / 12, 'Wrongful restraint'],
  ['342', 1, 'Wrongful confinement'],
  ['353', 2, 'Assault on a public servant'],
  ['354', 2, 'Assault to outrage the modesty of a woman'],
  ['354-A', 'death', 'Stripping a woman in public'],
  ['363', 7, 'Kidnapping'],
  ['364', 'life', 'Kidnapping in order to murder'],
  ['364-A', 'death', 'Kidnapping a child under fourteen'],
  ['365', 7, 'Kidnapping to confine'],
  ['365-A', 'death', 'Kidnapping for ransom'],
  ['365-B', 'life', 'Kidnapping a woman to compel marriage'],
  ['366-A', 10, 'Procuration of a minor girl'],
  ['369', 7, 'Kidnapping a child under ten to steal from its person'],
  ['371-A', 25, 'Selling a person for prostitution'],
  ['376', 'death', 'Rape'],
  ['377', 'life', 'Unnatural offences'],
  ['377-B', 20, 'Sexual abuse'],
  ['379', 3, 'Theft'],
  ['380', 7, 'Theft in a dwelling house'],
  ['381-A', 7, 'Theft of a motor vehicle'],
  ['382', 10, 'Theft after preparation for causing death or hurt'],
  ['384', 3, 'Extortion'],
  ['386', 10, 'Extortion by putting in fear of death or grievous hurt'],
  ['392', 10, 'Robbery'],
  ['393', 7, 'Attempt to commit robbery'],
  ['394', 'life', 'Voluntarily causing hurt in committing robbery'],
  ['395', 'life', 'Dacoity'],
  ['396', 'death', 'Dacoity with murder'],
  ['399', 10, 'Making preparation to commit dacoity'],
  ['401', 7, 'Belonging to a gang of thieves'],
  ['406', 7, 'Criminal breach of trust'],
  ['411', 3, 'Dishonestly receiving stolen property'],
  ['420', 7, 'Cheating and dishonestly inducing delivery of property'],
  ['427', 2, 'Mischief causing damage'],
  ['435', 7, 'Mischief by fire or explosive substance'],
  ['436', 'life', 'Mischief by fire to destroy a house'],
  ['447', 0.25, 'Criminal trespass'],
  ['448', 1, 'House-trespass'],
  ['452', 7, 'House-trespass after preparation for hurt'],
  ['454', 3, 'Lurking house-trespass to commit an offence'],
  ['457', 5, 'Lurking house-trespass by night'],
  ['468', 7, 'Forgery for the purpose of cheating'],
  ['489-F', 3, 'Dishonestly issuing a cheque'],
  ['496-A', 7, 'Enticing or taking away a woman'],
  ['506', 2, 'Criminal intimidation'],
  ['506(ii)', 7, 'Criminal intimidation by threat of death or grievous hurt'],
  ['509', 3, 'Insulting the modesty of a woman; sexual harassment'],
];

const SPECIAL: Array<[law: string, Entry[], source: string]> = [
  ['CNSA', [['9(a)', 2, 'Narcotics: smallest quantities'], ['9(b)', 7, 'Narcotics: intermediate quantities'], ['9(c)', 'death', 'Narcotics: large quantities']], 'Control of Narcotic Substances Act 1997, s.9'],
  ['PAO', [['13', 7, 'Possession of an unlicensed arm']], 'Pakistan Arms Ordinance 1965, s.13'],
  ['ATA', [['7', 'death', 'Act of terrorism']], 'Anti-Terrorism Act 1997, s.7'],
];

export type OffenceEntry = { key: string; max: MaxPunishment | null; title: string; source: string };

export const OFFENCE_TABLE: ReadonlyMap<string, OffenceEntry> = new Map(
  [
    ...PPC.map(([section, max, title]) => ({ key: `PPC ${section}`, max, title, source: `Pakistan Penal Code 1860, s.${section}` })),
    ...SPECIAL.flatMap(([law, entries, source]) => entries.map(([section, max, title]) => ({ key: `${law} ${section}`, max, title, source }))),
  ].map((entry) => [entry.key, entry]),
);

const LAW_ALIASES: Record<string, string> = { PPC: 'PPC', CNSA: 'CNSA', PAO: 'PAO', ARMS: 'PAO', ATA: 'ATA' };

// A section as officers write it in an FIR: "302", "302(b)", "302 (b)", "337-A(ii)", "364A", "9-C".
const SECTION = String.raw`(\d+)(?:[\s-]*([A-Za-z])(?![A-Za-z]))?\s*((?:\(\s*[0-9A-Za-z]+\s*\)\s*)*)`;
const LAW_FIRST = new RegExp(String.raw`^([A-Za-z]+)[\s:-]*${SECTION}$`);
const SECTION_FIRST = new RegExp(String.raw`^${SECTION}[\s,:-]*(?:of\s+(?:the\s+)?)?([A-Za-z]+)$`, 'i');
/** "u/s", "s.", "sec.", "section" before the number: "u/s 302 PPC", "s.379 PPC", "PPC section 302". */
const SECTION_WORD = /(^|[\s-])(?:u\s*\/\s*s|sections?|secs?|ss?)\s*(?=\d)/gi;

const normalised = new Map<string, string | null>();

/**
 * "ppc 302 (b)", "302 PPC", "302-PPC", "PPC-302", "s.379 PPC", "9(c) CNSA" and "9-C CNSA" -> the table's key
 * ("PPC 302(b)", "PPC 302", "PPC 379", "CNSA 9(c)"); null when it does not look like a section of a known law.
 * A letter written with a hyphen ("302-B", "9-C") is read as the sub-clause ("302(b)", "9(c)") only when the
 * table has that sub-clause and no section of that name (PPC 364-A is a section, not clause (a) of 364).
 */
export function normaliseSection(text: string): string | null {
  let key = normalised.get(text);
  if (key === undefined) {
    key = readSection(text);
    if (normalised.size < 10_000) normalised.set(text, key);
  }
  return key;
}

function readSection(text: string): string | null {
  // "P.P.C." and "PPC." are how many officers write it; no section number has a dot in it.
  const plain = text.replace(/\./g, '').replace(SECTION_WORD, '$1').trim();
  let law: string, number: string, letter: string | undefined, clauseText: string | undefined;
  const lawFirst = LAW_FIRST.exec(plain);
  const sectionFirst = lawFirst ? null : SECTION_FIRST.exec(plain);
  if (lawFirst) [, law, number, letter, clauseText] = lawFirst as unknown as [string, string, string, string | undefined, string | undefined];
  else if (sectionFirst) [, number, letter, clauseText, law] = sectionFirst as unknown as [string, string, string | undefined, string | undefined, string];
  else return null;
  const canonicalLaw = LAW_ALIASES[law.toUpperCase()];
  if (!canonicalLaw) return null;
  const clauses = (clauseText ?? '').replace(/\s+/g, '').toLowerCase();
  const key = `${canonicalLaw} ${number}${letter ? `-${letter.toUpperCase()}` : ''}${clauses}`;
  if (letter && !clauses && !OFFENCE_TABLE.has(key)) {
    const asClause = `${canonicalLaw} ${number}(${letter.toLowerCase()})`;
    if (OFFENCE_TABLE.has(asClause)) return asClause;
  }
  return key;
}

const LAW_WORD = new RegExp(String.raw`\b(${Object.keys(LAW_ALIASES).join('|')})\b`, 'i');
const SECTION_LIST = /\s*(?:[/,&]|\band\b)\s*/i;

/**
 * One FIR entry can charge several sections of one law: "302/34 PPC", "u/s 379, 411 PPC", "PPC 324 & 34". Each
 * becomes its own entry ("302 PPC", "34 PPC"); an entry whose parts do not all read as sections stays whole.
 */
export function sectionsIn(text: string): string[] {
  let sections = splitEntries.get(text);
  if (sections === undefined) {
    sections = splitEntry(text);
    if (splitEntries.size < 10_000) splitEntries.set(text, sections);
  }
  return sections;
}

// Evaluated for every open case on every due-board refresh: remember how each entry splits, like normaliseSection.
const splitEntries = new Map<string, string[]>();

function splitEntry(text: string): string[] {
  const plain = text.replace(/\./g, '').replace(SECTION_WORD, '$1').trim();
  const law = LAW_WORD.exec(plain)?.[1];
  if (!law || !SECTION_LIST.test(plain.replace(LAW_WORD, ''))) return [text];
  const parts = plain.replace(LAW_WORD, ' ').split(SECTION_LIST).map((part) => part.trim()).filter(Boolean);
  const sections = parts.map((part) => `${part} ${law}`);
  return parts.length > 1 && sections.every((section) => normaliseSection(section) !== null) ? sections : [text];
}

/** The table entry for a section, falling back from "PPC 506(i)" to "PPC 506" when the sub-clause is not listed. */
export function lookupSection(text: string): OffenceEntry | null {
  const key = normaliseSection(text);
  if (!key) return null;
  const exact = OFFENCE_TABLE.get(key);
  if (exact) return exact;
  const withoutClause = key.replace(/\(.*$/, '');
  return withoutClause !== key ? (OFFENCE_TABLE.get(withoutClause) ?? null) : null;
}

/** For comparing gravity: death > life > years. */
export function severity(max: MaxPunishment): number {
  if (max === 'death') return 1000;
  if (max === 'life') return 999;
  return max;
}

export function classOf(max: MaxPunishment): OffenceClass {
  const years = severity(max);
  if (years <= 3) return 'minor';
  if (years <= 7) return 'major';
  return 'heinous';
}

export type Classification =
  | { known: true; offenceClass: OffenceClass; max: MaxPunishment; gravestSection: string | null; unknownSections: string[] }
  | { known: false; unknownSections: string[] };

/** No section can raise a case above this class, so a section missing from the table cannot change it. */
const TOP_CLASS: OffenceClass = 'heinous';

/**
 * The class from the gravest section. Sections the table lacks are listed; the officer's entered maximum then
 * stands for them (it is compared with the table's maxima, and the graver wins). Without an entered maximum the
 * class is still known when the listed sections already reach the top class: nothing a missing section carries
 * can make PPC 302 less than heinous. Otherwise it is unknown, and `unknownSections` says what to look up.
 */
export function classifyOffence(offence: { sections: string[]; maxPunishmentYears?: MaxPunishment } | undefined): Classification {
  const sections = offence?.sections ?? [];
  const unknownSections: string[] = [];
  let gravest: { max: MaxPunishment; section: string | null } | null = null;
  for (const section of sections.flatMap(sectionsIn)) {
    const entry = lookupSection(section);
    if (!entry) {
      unknownSections.push(section);
      continue;
    }
    if (entry.max !== null && (!gravest || severity(entry.max) > severity(gravest.max))) gravest = { max: entry.max, section: entry.key };
  }
  const entered = offence?.maxPunishmentYears;
  if (entered !== undefined && (!gravest || severity(entered) > severity(gravest.max))) gravest = { max: entered, section: null };
  if (!gravest) return { known: false, unknownSections };
  const offenceClass = classOf(gravest.max);
  if (unknownSections.length > 0 && entered === undefined && offenceClass !== TOP_CLASS) return { known: false, unknownSections };
  return { known: true, offenceClass, max: gravest.max, gravestSection: gravest.section, unknownSections };
}

