/**
 * Folding for search, applied alike to what is indexed and to what is typed, so that the same name written
 * with Arabic or Urdu code points, with or without diacritics, or in another letter case, still matches.
 */

const ARABIC_TO_URDU: Record<string, string> = {
  '\u064A': '\u06CC', // Arabic yeh -> Farsi/Urdu yeh
  '\u0649': '\u06CC', // alef maksura -> Urdu yeh
  '\u0643': '\u06A9', // Arabic kaf -> keheh
  '\u0647': '\u06C1', // Arabic heh -> heh goal
  '\u0629': '\u06C1', // teh marbuta -> heh goal
  '\u06C3': '\u06C1', // teh marbuta goal -> heh goal
  '\u0622': '\u0627', // alef madda -> alef (people type either)
  '\u0623': '\u0627',
  '\u0625': '\u0627',
};

// Harakat, superscript alef, Quranic marks, tatweel, zero-width (non-)joiners.
const IGNORABLE = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200C\u200D]/g;
const ARABIC_VARIANTS = /[\u064A\u0649\u0643\u0647\u0629\u06C3\u0622\u0623\u0625]/g;
// Keep letters and digits of any script, plus '-' and '/' which case and FIR numbers use.
const PUNCTUATION = /[^\p{L}\p{N}\-/ ]+/gu;

export function foldForSearch(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(IGNORABLE, '')
    .replace(ARABIC_VARIANTS, (ch) => ARABIC_TO_URDU[ch] ?? ch)
    .replace(PUNCTUATION, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text the trigram index holds for one case: names and numbers only, each part folded. */
export function caseSearchText(parts: Array<string | undefined>): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .map(foldForSearch)
    .join(' | ');
}

/** Fragments shorter than this cannot use the trigram index and fall back to a scan. */
export const TRIGRAM_MIN_LENGTH = 3;
