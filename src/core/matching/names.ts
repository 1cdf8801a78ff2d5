import { foldForSearch } from '../search-text.js';

/**
 * Transliteration-aware comparison of Pakistani names written in Urdu (Arabic script) or Roman letters.
 *
 * Each word becomes a phonetic token in one alphabet both scripts map onto:
 * - a consonant skeleton (`key`): Urdu letters and Roman letters/digraphs to one class each (س ص ث s = s,
 *   ز ذ ض ظ z = z, ت ط ٹ t th = t, ق ک q k c = k, خ kh = x, غ gh = G, ش sh = S, ڈ dh d = d, ڑ r = r,
 *   aspiration ھ / bh ph th dh jh dropped, doubled letters collapsed), an initial vowel as `@` and a final
 *   vowel as A / I / U (Fatima and فاطمہ end in A, Ali and علی in I). Short vowels are not written in Urdu
 *   and are spelled every which way in Roman, so they are not in the key.
 * - the vowel *slots* between consonants, which decide between names with the same skeleton: Urdu writes
 *   long vowels (ا و ی), so حسن (Hassan) and حسین (Hussain) differ in a slot; a single Roman vowel letter may
 *   stand for nothing or a long vowel, a Roman "ai"/"ee"/"oo" only for a long one.
 * Common abbreviations and irregular spellings (Md, Mohd, Ishaq, Mustafa ...) are rewritten first; particles
 * and compounds are joined so that "Abdul Rehman", "Abdur Rahman", "Abdulrehman" and عبدالرحمن give one
 * token, as do "Noor ud Din", "Nooruddin" and نورالدین, "Sami Ullah" and سمیع اللہ, "Bibi" and بی بی.
 *
 * Names are then compared as bags of tokens (order does not matter), each token weighted by how much it says
 * (Muhammad, Khan, Bibi and tribe names say little), so "Zainab" against "Zainab Kakar" scores well and
 * "Muhammad Ali" against "Muhammad Bilal" does not.
 */

// Vowel-slot classes (bit set): what Urdu writes between two consonants.
const NONE = 1; // nothing written (a short vowel or no vowel)
const LONG_A = 2; // ا
const LONG_I = 4; // ی ے ئ
const LONG_U = 8; // و ؤ
const ANY = NONE | LONG_A | LONG_I | LONG_U; // ع ء: silent, or any vowel

export type NameToken = {
  /** Consonant skeleton with initial '@' and final A/I/U vowel markers, e.g. Muhammad -> "mhmd", Ali -> "@lI". */
  key: string;
  /** Vowel-slot sets between consecutive consonants of the key. */
  slots: number[];
  /** How much a match on this token says (0..1). */
  weight: number;
  /** Small integer naming (key, slots), for memoising token comparisons. */
  id: number;
  /** The word ends in "ah" / ہ: joined to a next word, that is an h (Shah + Jahan = Shahjahan). */
  finalH?: boolean;
  /** Similarities already computed against other tokens, by their id. */
  memo?: Map<number, number>;
};

export type ParsedName = {
  tokens: NameToken[];
  /** Token ids joined: two spellings that read alike have the same signature. */
  signature: string;
  /** The tokens with one adjacent pair joined, built when first needed. */
  joined?: NameToken[][];
};

// ---------------------------------------------------------------------------------------------------------
// Urdu letters

const URDU_CONSONANTS: Record<string, string> = {
  'ب': 'b', 'پ': 'p', 'ت': 't', 'ٹ': 't', 'ث': 's', 'ج': 'j', 'چ': 'c', 'ح': 'h', 'خ': 'x', 'د': 'd', 'ڈ': 'd',
  'ذ': 'z', 'ر': 'r', 'ڑ': 'r', 'ز': 'z', 'ژ': 'z', 'س': 's', 'ش': 'S', 'ص': 's', 'ض': 'z', 'ط': 't', 'ظ': 'z',
  'غ': 'G', 'ف': 'f', 'ق': 'k', 'ک': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ں': 'n', 'ہ': 'h',
  // Pashto letters, as Pashto-speaking officers in the north of Balochistan may type them.
  'ټ': 't', 'ډ': 'd', 'ړ': 'r', 'ږ': 'z', 'ښ': 'S', 'ځ': 'z', 'څ': 's', 'ڼ': 'n',
};
const URDU_VOWELS: Record<string, number> = {
  'ا': LONG_A, 'آ': LONG_A, 'و': LONG_U, 'ؤ': LONG_U, 'ی': LONG_I, 'ے': LONG_I, 'ئ': LONG_I, 'ۓ': LONG_I, 'ې': LONG_I, 'ۍ': LONG_I,
  'ع': ANY, 'ء': ANY,
};
/** Consonants whose aspirated form is written with ھ (بھ پھ تھ ...); elsewhere ھ is a mistyped ہ. */
const ASPIRABLE = new Set(['ب', 'پ', 'ت', 'ٹ', 'ج', 'چ', 'د', 'ڈ', 'ک', 'گ', 'ر', 'ڑ']);

// ---------------------------------------------------------------------------------------------------------
// Dictionaries

/**
 * Roman spellings the letter rules cannot carry: abbreviations and spellings whose Roman letters mislead
 * (Ishaq has s+h, not sh). Mapped to the Urdu spelling, which is then read by the Urdu rules.
 */
const ROMAN_REWRITES: Record<string, string> = {
  m: 'محمد', md: 'محمد', mohd: 'محمد', muhd: 'محمد', mhd: 'محمد', mohamad: 'محمد', mohmmad: 'محمد', mohammad: 'محمد',
  ishaq: 'اسحاق', ishaque: 'اسحاق', ishaaq: 'اسحاق', ishak: 'اسحاق', ishaak: 'اسحاق', eshaq: 'اسحاق', izhaq: 'اسحاق',
  uthman: 'عثمان', othman: 'عثمان', usman: 'عثمان', osman: 'عثمان',
  bibi: 'بیبی', beebi: 'بیبی', bebe: 'بیبی', bibee: 'بیبی',
};
/** Urdu spellings whose final ی is read as "a" (alef maksura) or that are otherwise irregular. */
const URDU_REWRITES: Record<string, string> = {
  'مصطفی': 'مصطفا', 'موسی': 'موسا', 'عیسی': 'عیسا', 'یحیی': 'یحیا', 'مرتضی': 'مرتضا', 'مجتبی': 'مجتبا',
  'مجتبیٰ': 'مجتبا', 'مصطفیٰ': 'مصطفا', 'موسیٰ': 'موسا', 'عیسیٰ': 'عیسا', 'یحییٰ': 'یحیا', 'مرتضیٰ': 'مرتضا',
};

/** Titles and honorifics that are not part of a child's name. */
const DROPPED = new Set([
  'mst', 'musammat', 'mussammat', 'musammath', 'mr', 'mrs', 'miss', 'ms', 'master', 'baby', 'janab', 'sahib', 'sahab',
  'saheb', 'haji', 'alhaj', 'مسمات', 'مسماۃ', 'مسمۃ', 'جناب', 'صاحب', 'حاجی', 'ماسٹر',
]);
/** "X son of Y": the name ends where these begin. */
const RELATION_MARKERS = new Set(['s/o', 'd/o', 'w/o', 'so', 'do', 'wo', 'son', 'daughter', 'ولد', 'بنت', 'دختر', 'زوجہ', 'بن', 'bin', 'binte', 'bint']);
/** Roman article particles between the parts of a compound name (Noor ud Din, Abd ur Rahman). */
const ROMAN_PARTICLES = new Set(['ul', 'ud', 'ur', 'us', 'uz', 'un', 'ush', 'ut', 'al', 'el', 'ad', 'ar', 'as', 'az']);
/** The izafat of "Noor-e-Jahan": dropped, the two words stay two words (نور جہاں). */
const IZAFAT = new Set(['e', 'i', 'y']);
/** Roman second parts that belong to the word before (Sami Ullah, Kamal Uddin). */
const ROMAN_SUFFIX_WORDS = new Set(['ullah', 'ulla', 'ulah', 'ullha', 'allah', 'ullh', 'uddin', 'udin', 'uddeen', 'udden', 'ulhaq', 'ulhuq', 'urrahman', 'urrehman', 'urrahim', 'ullahi']);
/** Roman first parts that take the next word (Abdul Rehman). */
const ROMAN_ABD = /^abd(?:ul|al|el|ur|us|uz|un|ush|ud|u|oo|ool|il)?$/;

/**
 * First parts of compound names written as one word with the Arabic article: the article is dropped, because
 * Roman spellings assimilate it (Nooruddin, Abdurrahman) and Urdu keeps it (نورالدین, عبدالرحمن).
 */
const STEMS_ROMAN = [
  'abd', 'noor', 'nur', 'shams', 'fazl', 'fazal', 'saif', 'saifu', 'najm', 'zia', 'ziya', 'fakhr', 'fakhar', 'qamar', 'salah',
  'jamal', 'kamal', 'siraj', 'habib', 'naseer', 'nasir', 'ameen', 'amin', 'moin', 'mueen', 'zain', 'zainu', 'fateh', 'fatah', 'farid',
  'fareed', 'khair', 'badr', 'badar', 'ata', 'atta', 'rahmat', 'faiz', 'aziz', 'zahoor', 'ikram', 'inam', 'ehsan', 'aman',
  'sana', 'shafi', 'wali', 'kalim', 'kaleem', 'naimat', 'hidayat', 'inayat', 'rahim', 'karim', 'asad', 'sami', 'hamid',
  'saad', 'zaka', 'naqib', 'naqeeb', 'zabih', 'shukr', 'ruh', 'rooh', 'muhib', 'mohib', 'sibghat', 'sanaa', 'nasr', 'nasar',
  'raza', 'riaz', 'hafeez', 'hafiz', 'zaheer', 'zahir', 'shuja', 'imdad', 'ghias', 'ghiyas', 'ghiyath', 'taj', 'anwar', 'sadr',
];
/** "Noorul Haq": a first part with the article attached takes the next word. */
const ROMAN_STEM_WITH_ARTICLE = new RegExp(`^(?:${STEMS_ROMAN.join('|')})(?:ul|ud|ur|us|uz|un|ush|ut)$`);
const STEMS_URDU = [
  'عبد', 'نور', 'شمس', 'فضل', 'سیف', 'نجم', 'ضیا', 'فخر', 'قمر', 'صلاح', 'جمال', 'کمال', 'سراج', 'حبیب', 'نصیر', 'امین',
  'معین', 'زین', 'فتح', 'فرید', 'خیر', 'بدر', 'عطا', 'رحمت', 'فیض', 'عزیز', 'ظہور', 'اکرام', 'انعام', 'احسان', 'امان',
  'ثنا', 'شفیع', 'ولی', 'کلیم', 'نعمت', 'ہدایت', 'عنایت', 'رحیم', 'کریم', 'اسد', 'سمیع', 'حمید', 'سعد', 'ذکا', 'نقیب',
  'ذبیح', 'شکر', 'روح', 'محب', 'صبغت', 'نصر', 'رضا', 'ریاض', 'حفیظ', 'ظہیر', 'شجاع', 'امداد', 'غیاث', 'تاج', 'انور', 'صدر',
];

/** Words that say little about who a child is, by how little (common given names, titles, tribes). */
const COMMON_WORDS: Array<[number, string[]]> = [
  [0.25, ['muhammad']],
  [0.35, ['khan', 'bibi', 'begum', 'bi', 'sardar', 'mian']],
  [0.5, ['jan', 'shah', 'mir', 'ghulam', 'malik', 'sheikh', 'mirza', 'bano', 'baloch', 'chaudhry', 'khatoon']],
  [0.6, [
    'kakar', 'achakzai', 'mengal', 'bugti', 'marri', 'rind', 'jamali', 'hazara', 'tareen', 'mandokhel', 'raisani', 'lehri',
    'brahui', 'qureshi', 'bangulzai', 'jatoi', 'magsi', 'zehri', 'notezai', 'kasi', 'durrani', 'yousafzai', 'pathan', 'bhatti',
    'awan', 'rajput', 'arain', 'butt', 'siddiqui', 'ansari', 'shahwani', 'sumalani', 'mohammadzai', 'kurd', 'lango', 'langove',
    'sasoli', 'mirwani', 'rakhshani', 'nausherwani', 'gichki', 'dashti', 'sanjrani', 'panezai', 'barech', 'luni', 'tarin',
  ]],
  [0.6, ['gul', 'noor']],
  [0.75, ['ali', 'ahmed', 'hussain', 'hassan', 'din', 'rehman', 'bakhsh']],
];

// ---------------------------------------------------------------------------------------------------------
// Tokens

/** A consonant class, or a group of vowel letters; `h` marks a word-final "ah" / ہ (an h once joined). */
type Run = { consonant: string } | { vowels: number; letters: number; short: boolean; last: 'A' | 'I' | 'U'; h?: boolean };

const tokenIds = new Map<string, number>();
let lastTokenId = 0;
function tokenId(key: string, slots: number[]): number {
  const signature = `${key}|${slots.join(',')}`;
  let id = tokenIds.get(signature);
  if (id === undefined) {
    // Ids only grow: after the map is cleared a reading may get a second id, never another reading's id.
    if (tokenIds.size > 500_000) tokenIds.clear();
    id = ++lastTokenId;
    tokenIds.set(signature, id);
  }
  return id;
}

/** Builds a token from a run of consonant classes and vowel groups. */
function buildToken(runs: Run[]): NameToken | null {
  let key = '';
  const slots: number[] = [];
  let consonants = 0;
  let pending: { vowels: number; short: boolean; last: 'A' | 'I' | 'U'; letters: number; h?: boolean } | null = null;
  for (const run of runs) {
    if ('vowels' in run) {
      pending = pending
        ? { vowels: pending.vowels | run.vowels, short: false, last: run.last, letters: pending.letters + run.letters, h: run.h }
        : { vowels: run.vowels, short: run.short, last: run.last, letters: run.letters, h: run.h };
      continue;
    }
    if (consonants === 0) {
      if (pending) key += '@';
    } else if (pending) {
      slots.push(slotOf(pending));
    } else if (key.endsWith(run.consonant)) {
      continue; // doubled letter: Hassan, عبداللہ
    } else {
      slots.push(NONE);
    }
    key += run.consonant;
    consonants++;
    pending = null;
  }
  if (pending) key += consonants === 0 ? '@' + pending.last : pending.last;
  if (!key || key === '@') return null;
  return { key, slots, weight: 1, id: tokenId(key, slots), ...(pending?.h ? { finalH: true } : {}) };
}

function slotOf(group: { vowels: number; short: boolean }): number {
  if ((group.vowels & ANY) === ANY) return ANY; // ع or ء: any vowel or none
  let set = group.vowels;
  // A Roman "ai", "awa" or an Urdu "ائ", "وا" spells one long vowel: the alef or 'a' only opens it.
  if (set & (LONG_I | LONG_U)) set &= ~LONG_A;
  return group.short ? set | NONE : set;
}

function romanRuns(word: string): Run[] {
  const runs: Run[] = [];
  const endsInAh = /ah$/.test(word);
  const w = word
    .replace(/que$/, 'q')
    .replace(/ah$/, 'a')
    .replace(/x/g, 'ks');
  let vowelLetters = '';
  const flushVowels = () => {
    if (!vowelLetters) return;
    let set = 0;
    for (const ch of vowelLetters) set |= ch === 'a' ? LONG_A : ch === 'o' || ch === 'u' || ch === 'w' || ch === 'v' ? LONG_U : LONG_I;
    const lastCh = vowelLetters[vowelLetters.length - 1]!;
    const last = lastCh === 'a' ? 'A' : lastCh === 'o' || lastCh === 'u' || lastCh === 'w' || lastCh === 'v' ? 'U' : 'I';
    const short = vowelLetters.length === 1 && 'aeiou'.includes(vowelLetters);
    runs.push({ vowels: set, letters: vowelLetters.length, short, last });
    vowelLetters = '';
  };
  const consonant = (c: string) => {
    flushVowels();
    runs.push({ consonant: c });
  };
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const next = w[i + 1];
    const atStart = i === 0;
    if ('aeiou'.includes(ch)) {
      vowelLetters += ch;
      continue;
    }
    if (ch === 'y' || ch === 'w' || ch === 'v') {
      // Initial y / w / v are consonants (Yousaf, Waseem); inside a word they are the long vowels ی / و.
      if (atStart) consonant(ch === 'y' ? 'y' : 'w');
      else vowelLetters += ch;
      continue;
    }
    if (next === 'h') {
      const digraph = ({ k: 'x', g: 'G', s: 'S', c: 'c', z: 'z', t: 't', d: 'd', b: 'b', p: 'p', j: 'j' } as Record<string, string>)[ch];
      if (digraph) {
        consonant(digraph);
        i++;
        continue;
      }
    }
    if (ch === 'q' || ch === 'c') {
      consonant('k');
      if (ch === 'c' && next === 'k') i++;
      continue;
    }
    if (/[a-z]/.test(ch)) consonant(ch);
  }
  flushVowels();
  const last = runs[runs.length - 1];
  if (endsInAh && last && 'vowels' in last) last.h = true;
  return runs;
}

function urduRuns(word: string): Run[] {
  const runs: Run[] = [];
  const chars = [...word.replace(/[ەۀ]/g, 'ہ')];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const atStart = i === 0;
    const atEnd = i === chars.length - 1;
    if (ch === 'ھ') {
      const before = chars[i - 1];
      if (before && ASPIRABLE.has(before)) continue;
      runs.push({ consonant: 'h' });
      continue;
    }
    if (ch === 'ہ' && atEnd && i > 0) {
      runs.push({ vowels: LONG_A, letters: 1, short: false, last: 'A', h: true });
      continue;
    }
    if (ch === 'و' && atStart) {
      runs.push({ consonant: 'w' });
      continue;
    }
    if (ch === 'ی' && atStart) {
      runs.push({ consonant: 'y' });
      continue;
    }
    const vowel = URDU_VOWELS[ch];
    if (vowel !== undefined) {
      const last = vowel === LONG_U ? 'U' : vowel === LONG_I ? 'I' : 'A';
      runs.push({ vowels: vowel, letters: 1, short: false, last });
      continue;
    }
    const consonant = URDU_CONSONANTS[ch];
    if (consonant) runs.push({ consonant });
  }
  return runs;
}

const ARABIC_LETTER = /[\u0600-\u06FF]/;

function isUrdu(word: string): boolean {
  return ARABIC_LETTER.test(word);
}

function stripStem(word: string): string {
  if (isUrdu(word)) {
    for (const stem of STEMS_URDU) {
      if (word.startsWith(stem + 'ال') && [...word].length >= [...stem].length + 4) return stem + word.slice(stem.length + 2);
    }
    return word;
  }
  for (const stem of STEMS_ROMAN) {
    if (!word.startsWith(stem) || word.length < stem.length + 3) continue;
    const rest = word.slice(stem.length).replace(/^\|/, '');
    const article = /^(?:[ue]l|al)\|?(?=..)/.exec(rest) ?? /^[uea](sh|[dtrszn])\|?(?=\1)/.exec(rest);
    if (article) return stem + rest.slice(article[0].length);
  }
  return word;
}

/** Marks where two Roman words were joined, so that no digraph is read across it (Noor|haq is not "rh"). */
const JOIN = '|';

/** Splits a folded name into words, joins compounds and particles, drops titles and what follows "son of". */
function words(name: string): string[] {
  const folded = foldForSearch(name.replace(/['’‘`ʼʻ]/g, ''));
  const raw = folded.split(' ').filter(Boolean);
  const cut = raw.findIndex((w, i) => i > 0 && RELATION_MARKERS.has(w));
  const parts = (cut > 0 ? raw.slice(0, cut) : raw)
    .flatMap((w) => w.split(/[-/]+/))
    .filter((w) => w && !DROPPED.has(w) && !/^\d+$/.test(w));
  const out: string[] = [];
  let joinNext = false;
  for (const w of parts) {
    const urdu = isUrdu(w);
    if (!urdu && IZAFAT.has(w)) continue;
    if (!urdu && ROMAN_PARTICLES.has(w)) {
      joinNext = out.length > 0;
      continue;
    }
    if (joinNext || (out.length > 0 && ((!urdu && ROMAN_SUFFIX_WORDS.has(w)) || (urdu && w.startsWith('ال') && [...w].length > 2)))) {
      const prev = out.pop()!;
      out.push(urdu ? prev + (w.startsWith('ال') && !joinNext ? w.slice(2) : w) : `${prev}${JOIN}${w}`);
      joinNext = false;
      continue;
    }
    const prev = out[out.length - 1];
    if (prev !== undefined && ((!urdu && (ROMAN_ABD.test(prev) || ROMAN_STEM_WITH_ARTICLE.test(prev))) || prev === 'عبد' || prev === 'عبدال' || (prev === 'بی' && w === 'بی') || (prev === 'bi' && w === 'bi'))) {
      out[out.length - 1] = prev === 'عبدال' ? 'عبد' + w : urdu ? prev + w : `${prev}${JOIN}${w}`;
      continue;
    }
    out.push(w);
  }
  return out.map(stripStem);
}

function rawToken(word: string): NameToken | null {
  const rewritten = isUrdu(word) ? URDU_REWRITES[word] ?? word : ROMAN_REWRITES[word] ?? word;
  return buildToken(isUrdu(rewritten) ? urduRuns(rewritten) : romanRuns(rewritten));
}

const COMMON_WEIGHTS = new Map<string, number>();
for (const [weight, list] of COMMON_WORDS) {
  for (const word of list) {
    const token = rawToken(word);
    if (token && !COMMON_WEIGHTS.has(token.key)) COMMON_WEIGHTS.set(token.key, weight);
  }
}

/** One token object per reading of a word, so that what it has been compared with is remembered once. */
const wordTokens = new Map<string, NameToken>();

function tokenOfWord(word: string): NameToken | null {
  const token = rawToken(word);
  if (!token) return null;
  const signature = `${token.id}${token.finalH ? 'h' : ''}`;
  const known = wordTokens.get(signature);
  if (known) return known;
  token.weight = COMMON_WEIGHTS.get(token.key) ?? 1;
  if (wordTokens.size > 100_000) wordTokens.clear();
  wordTokens.set(signature, token);
  return token;
}

const parseCache = new Map<string, ParsedName>();
const bySignature = new Map<string, ParsedName>();

/** The phonetic tokens of a name (memoised: the same names recur across thousands of cases). */
export function parseName(name: string): ParsedName {
  let parsed = parseCache.get(name);
  if (parsed) return parsed;
  const tokens: NameToken[] = [];
  for (const word of words(name)) {
    const token = tokenOfWord(word);
    if (token) tokens.push(token);
  }
  const signature = tokens.map((t) => (t.finalH ? `${t.id}h` : t.id)).join(' ');
  // One object per way of reading: names that read alike share it, so comparisons can be remembered per object.
  parsed = bySignature.get(signature);
  if (!parsed) {
    parsed = { tokens, signature };
    if (bySignature.size > 200_000) bySignature.clear();
    bySignature.set(signature, parsed);
  }
  if (parseCache.size > 200_000) parseCache.clear();
  parseCache.set(name, parsed);
  return parsed;
}

// ---------------------------------------------------------------------------------------------------------
// Similarity

/** Letter classes close enough that swapping one for the other costs half an edit. */
const NEAR = ['k|x', 'k|g', 'g|G', 'x|h', 's|S', 's|z', 'j|z', 'c|S', 'c|j', 't|d', 'd|r', 'A|I', 'A|U', 'I|U', 'w|b', 'f|p', 'x|G', 'k|G'];
const MARKERS = '@AIU';
/** Substitution cost by character codes (keys are ASCII): 0 same, 0.5 near, 1 otherwise. */
const SUBSTITUTION = new Float64Array(128 * 128).fill(1);
for (let c = 0; c < 128; c++) SUBSTITUTION[c * 128 + c] = 0;
for (const pair of NEAR) {
  const a = pair.charCodeAt(0);
  const b = pair.charCodeAt(2);
  SUBSTITUTION[a * 128 + b] = 0.5;
  SUBSTITUTION[b * 128 + a] = 0.5;
}
/** Insertion or deletion cost: vowel markers count half. */
const INDEL = new Float64Array(128).fill(1);
for (const m of MARKERS) INDEL[m.charCodeAt(0)] = 0.5;

const MAX_KEY = 40;
const distanceRows = [0, 1, 2].map(() => new Float64Array(MAX_KEY + 1));

/** Weighted Damerau (optimal string alignment) distance between two keys; vowel markers cost half. */
function keyDistance(a: string, b: string): number {
  const n = Math.min(a.length, MAX_KEY);
  const m = Math.min(b.length, MAX_KEY);
  let before = distanceRows[0]!; // row i - 2
  let previous = distanceRows[1]!; // row i - 1
  let current = distanceRows[2]!;
  previous[0] = 0;
  for (let j = 1; j <= m; j++) previous[j] = previous[j - 1]! + INDEL[b.charCodeAt(j - 1) & 127]!;
  for (let i = 1; i <= n; i++) {
    const ai = a.charCodeAt(i - 1) & 127;
    current[0] = previous[0]! + INDEL[ai]!;
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1) & 127;
      let best = previous[j]! + INDEL[ai]!;
      const insert = current[j - 1]! + INDEL[bj]!;
      if (insert < best) best = insert;
      const substitute = previous[j - 1]! + SUBSTITUTION[ai * 128 + bj]!;
      if (substitute < best) best = substitute;
      if (i > 1 && j > 1 && ai === (b.charCodeAt(j - 2) & 127) && (a.charCodeAt(i - 2) & 127) === bj && ai !== bj) {
        const transpose = before[j - 2]! + 1;
        if (transpose < best) best = transpose;
      }
      current[j] = best;
    }
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[m]!;
}

const isMarker = (ch: string) => MARKERS.includes(ch);

const SLOT_CONFLICT = 0.15;
/** Similarity of two tokens in [0, 1]. */
export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.id === b.id) return 1;
  const memo = a.memo?.get(b.id);
  if (memo !== undefined) return memo;
  let sim: number;
  if (a.key === b.key) {
    let conflicts = 0;
    for (let i = 0; i < a.slots.length; i++) if (((a.slots[i] ?? ANY) & (b.slots[i] ?? ANY)) === 0) conflicts++;
    sim = Math.max(0.6, 1 - SLOT_CONFLICT * conflicts);
  } else {
    const length = Math.max(weightedLength(a.key), weightedLength(b.key));
    sim = Math.max(0, 1 - keyDistance(a.key, b.key) / length);
  }
  if (!a.memo || a.memo.size > 2_000) a.memo = new Map();
  a.memo.set(b.id, sim);
  return sim;
}

function weightedLength(key: string): number {
  let length = 0;
  for (const ch of key) length += isMarker(ch) ? 0.5 : 1;
  return Math.max(length, 1);
}

/** One token from several written apart ("Gul Khan" vs "Gulkhan"), built from their keys. */
function joinTokens(tokens: NameToken[]): NameToken {
  let key = '';
  const slots: number[] = [];
  let weight = 0;
  let vowelBefore = false;
  for (const t of tokens) {
    weight += t.weight;
    const final = /[AIU]$/.exec(t.key)?.[0] ?? '';
    const body = t.key.slice(0, t.key.length - final.length);
    if (!key) {
      key = body;
      slots.push(...t.slots);
    } else {
      const consonants = body.replace(/^@/, '');
      if (!consonants) {
        vowelBefore = true;
        continue;
      }
      const vowelAtJoin = vowelBefore || body.startsWith('@');
      if (!vowelAtJoin && key.endsWith(consonants[0]!)) key += consonants.slice(1);
      else {
        slots.push(ANY);
        key += consonants;
      }
      slots.push(...t.slots);
    }
    if (t.finalH && t !== tokens[tokens.length - 1]) {
      slots.push(ANY);
      key += 'h';
      vowelBefore = false;
    } else vowelBefore = final !== '';
  }
  const lastFinal = /[AIU]$/.exec(tokens[tokens.length - 1]?.key ?? '')?.[0] ?? '';
  key += lastFinal;
  return { key, slots, weight: Math.min(1, weight), id: tokenId(key, slots) };
}

export type NameComparison = {
  /** Similarity in [0, 1]. */
  score: number;
  /** Sum of the weights of the tokens that matched: how much the agreement says (Muhammad alone says little). */
  evidence: number;
};

const MIN_TOKEN_MATCH = 0.5;

/** Words compared per name: more than this is not a name but a sentence. */
const MAX_WORDS = 8;
const simScratch = new Float64Array(MAX_WORDS * MAX_WORDS);

function compareTokenLists(a: NameToken[], b: NameToken[]): NameComparison {
  const n = Math.min(a.length, MAX_WORDS);
  const m = Math.min(b.length, MAX_WORDS);
  if (n === 0 || m === 0) return { score: 0, evidence: 0 };
  let matched = 0;
  let weightA = 0;
  let weightB = 0;
  for (let i = 0; i < n; i++) weightA += a[i]!.weight;
  for (let j = 0; j < m; j++) weightB += b[j]!.weight;
  if (n === 1 && m === 1) {
    const sim = tokenSimilarity(a[0]!, b[0]!);
    matched = sim >= MIN_TOKEN_MATCH ? sim * Math.min(a[0]!.weight, b[0]!.weight) : 0;
  } else {
    // Greedy assignment, best pair first (ties to the earlier words): words are few, so scan, do not sort.
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const sim = tokenSimilarity(a[i]!, b[j]!);
        simScratch[i * MAX_WORDS + j] = sim >= MIN_TOKEN_MATCH ? sim : 0;
      }
    }
    let usedA = 0;
    let usedB = 0;
    for (let round = Math.min(n, m); round > 0; round--) {
      let best = 0;
      let bi = -1;
      let bj = -1;
      for (let i = 0; i < n; i++) {
        if (usedA & (1 << i)) continue;
        for (let j = 0; j < m; j++) {
          if (usedB & (1 << j)) continue;
          const sim = simScratch[i * MAX_WORDS + j]!;
          if (sim > best) {
            best = sim;
            bi = i;
            bj = j;
          }
        }
      }
      if (bi < 0) break;
      usedA |= 1 << bi;
      usedB |= 1 << bj;
      matched += best * Math.min(a[bi]!.weight, b[bj]!.weight);
    }
  }
  const small = Math.min(weightA, weightB);
  const large = Math.max(weightA, weightB);
  const coverage = Math.min(1, matched / small);
  return { score: coverage * Math.pow(small / large, 0.2), evidence: matched };
}

/** Variants of a token list with one adjacent pair joined ("Gul Khan" -> "Gulkhan"). */
function joinedVariants(tokens: NameToken[]): NameToken[][] {
  const variants: NameToken[][] = [];
  for (let i = 0; i + 1 < tokens.length; i++) variants.push([...tokens.slice(0, i), joinTokens([tokens[i]!, tokens[i + 1]!]), ...tokens.slice(i + 2)]);
  return variants;
}

/** Compares two parsed names; the richer result also says how much the agreement is worth. */
export function compareParsedNames(a: ParsedName, b: ParsedName): NameComparison {
  const at = a.tokens;
  const bt = b.tokens;
  let best = compareTokenLists(at, bt);
  if (best.score < 0.999 && at.length !== bt.length && at.length + bt.length <= 8) {
    const [longer, shorter] = at.length > bt.length ? [a, bt] : [b, at];
    longer.joined ??= joinedVariants(longer.tokens);
    for (const variant of longer.joined) {
      const result = compareTokenLists(variant, shorter);
      if (result.score > best.score) best = result;
    }
  }
  return best;
}

/** Similarity of two names in [0, 1], whatever their script: 1 for the same name however spelled. */
export function nameSimilarity(a: string, b: string): number {
  return compareParsedNames(parseName(a), parseName(b)).score;
}

/**
 * Block keys for indexing: a name's candidates are the names sharing at least one key. Each informative word
 * gives its key and a coarse key (vowel markers dropped, near letters merged) so that most misspellings still
 * meet; words that say little (Muhammad, Khan, tribe names) are left out when the name has other words.
 */
export function nameKeys(name: string): string[] {
  return blockKeysOf(parseName(name));
}

/**
 * Narrower block keys for a father's name: adjacent word pairs ("Ali Kakar"), which meet far fewer cases than
 * a given name alone; a one-word name gives its word.
 */
export function pairKeysOf(parsed: ParsedName): string[] {
  const t = parsed.tokens;
  if (t.length < 2) return blockKeysOf(parsed);
  const keys = new Set<string>();
  for (let i = 0; i + 1 < Math.min(t.length, 5); i++) keys.add(coarseKey(joinTokens([t[i]!, t[i + 1]!]).key));
  return [...keys];
}

export function blockKeysOf(parsed: ParsedName): string[] {
  const informative = parsed.tokens.filter((t) => t.weight >= 0.7);
  const chosen = informative.length ? informative : parsed.tokens;
  const keys = new Set<string>();
  for (const t of chosen) {
    keys.add(t.key);
    // A one-letter coarse key (Ali -> "l") would meet half the register: the exact key must do.
    const coarse = coarseKey(t.key);
    if (coarse.length > 2) keys.add(coarse);
  }
  const t = parsed.tokens;
  for (let i = 0; i + 1 < Math.min(t.length, 5); i++) keys.add(coarseKey(joinTokens([t[i]!, t[i + 1]!]).key));
  return [...keys];
}

/** Consonants only, near classes merged: the loosest form two spellings of one word still share. */
function coarseKey(key: string): string {
  const coarse = key
    .replace(/[@AIU]/g, '')
    .replace(/[xG]/g, 'k')
    .replace(/g/g, 'k')
    .replace(/S/g, 's')
    .replace(/z/g, 's')
    .replace(/(.)\1+/g, '$1');
  return `~${coarse}`;
}
