import { parseName, tokenSimilarity, type ParsedName } from './names.js';

/**
 * Where a child was last seen and where a child was found, compared as the district CPU would: the same spot,
 * the same district, a neighbouring district, or somewhere else. Places are free text in either script
 * ("Bus stand, Quetta", "سریاب روڈ کوئٹہ"), read with the name rules so that Quetta and کوئٹہ agree.
 */

/** Balochistan's districts (and Karachi, where many runaways end up), in Roman and Urdu spellings. */
const DISTRICTS: Record<string, string[]> = {
  quetta: ['Quetta', 'Kwatta', 'کوئٹہ'],
  pishin: ['Pishin', 'پشین'],
  killa_abdullah: ['Killa Abdullah', 'Qila Abdullah', 'قلعہ عبداللہ'],
  chaman: ['Chaman', 'چمن'],
  mastung: ['Mastung', 'مستونگ'],
  kalat: ['Kalat', 'Qalat', 'قلات'],
  surab: ['Surab', 'سوراب'],
  khuzdar: ['Khuzdar', 'خضدار'],
  lasbela: ['Lasbela', 'Las Bela', 'لسبیلہ'],
  hub: ['Hub', 'حب'],
  awaran: ['Awaran', 'آواران'],
  kech: ['Kech', 'Turbat', 'کیچ', 'تربت'],
  gwadar: ['Gwadar', 'گوادر'],
  panjgur: ['Panjgur', 'پنجگور'],
  kharan: ['Kharan', 'خاران'],
  washuk: ['Washuk', 'واشک'],
  nushki: ['Nushki', 'Noshki', 'نوشکی'],
  chagai: ['Chagai', 'Dalbandin', 'چاغی', 'دالبندین'],
  sibi: ['Sibi', 'سبی'],
  kachhi: ['Kachhi', 'Bolan', 'Dhadar', 'کچھی', 'بولان', 'ڈھاڈر'],
  naseerabad: ['Naseerabad', 'Nasirabad', 'Dera Murad Jamali', 'نصیر آباد', 'ڈیرہ مراد جمالی'],
  jaffarabad: ['Jaffarabad', 'Jafarabad', 'Dera Allahyar', 'جعفر آباد', 'ڈیرہ اللہ یار'],
  sohbatpur: ['Sohbatpur', 'صحبت پور'],
  jhal_magsi: ['Jhal Magsi', 'جھل مگسی'],
  dera_bugti: ['Dera Bugti', 'ڈیرہ بگٹی'],
  kohlu: ['Kohlu', 'کوہلو'],
  harnai: ['Harnai', 'ہرنائی'],
  ziarat: ['Ziarat', 'زیارت'],
  loralai: ['Loralai', 'لورالائی'],
  duki: ['Duki', 'دکی'],
  barkhan: ['Barkhan', 'بارکھان'],
  musakhel: ['Musakhel', 'Musa Khel', 'موسیٰ خیل'],
  killa_saifullah: ['Killa Saifullah', 'Qila Saifullah', 'قلعہ سیف اللہ'],
  zhob: ['Zhob', 'ژوب'],
  sherani: ['Sherani', 'شیرانی'],
  karachi: ['Karachi', 'کراچی'],
};

/**
 * Districts that share a border (approximate, from the map; a CPU can correct it). A child found in the
 * next district is far likelier to be the missing one than a child found across the province.
 */
const NEIGHBOURS: Array<[string, string]> = [
  ['quetta', 'pishin'], ['quetta', 'mastung'], ['quetta', 'killa_abdullah'], ['quetta', 'kachhi'], ['quetta', 'ziarat'],
  ['pishin', 'killa_abdullah'], ['pishin', 'killa_saifullah'], ['pishin', 'ziarat'], ['killa_abdullah', 'chaman'],
  ['mastung', 'kalat'], ['mastung', 'kachhi'], ['mastung', 'nushki'], ['kalat', 'surab'], ['kalat', 'kachhi'],
  ['kalat', 'kharan'], ['surab', 'khuzdar'], ['kalat', 'khuzdar'], ['khuzdar', 'lasbela'], ['khuzdar', 'awaran'],
  ['khuzdar', 'jhal_magsi'], ['khuzdar', 'washuk'], ['lasbela', 'hub'], ['hub', 'karachi'], ['lasbela', 'awaran'],
  ['lasbela', 'gwadar'], ['awaran', 'kech'], ['awaran', 'panjgur'], ['awaran', 'washuk'], ['kech', 'gwadar'],
  ['kech', 'panjgur'], ['panjgur', 'washuk'], ['kharan', 'washuk'], ['kharan', 'nushki'], ['kharan', 'chagai'],
  ['nushki', 'chagai'], ['chagai', 'washuk'], ['sibi', 'kachhi'], ['sibi', 'harnai'], ['sibi', 'kohlu'],
  ['sibi', 'dera_bugti'], ['sibi', 'naseerabad'], ['kachhi', 'jhal_magsi'], ['kachhi', 'naseerabad'],
  ['naseerabad', 'jaffarabad'], ['naseerabad', 'sohbatpur'], ['naseerabad', 'jhal_magsi'], ['jaffarabad', 'sohbatpur'],
  ['naseerabad', 'dera_bugti'], ['dera_bugti', 'kohlu'], ['kohlu', 'barkhan'], ['kohlu', 'harnai'], ['kohlu', 'loralai'],
  ['harnai', 'ziarat'], ['harnai', 'loralai'], ['harnai', 'duki'], ['ziarat', 'loralai'], ['ziarat', 'killa_saifullah'],
  ['loralai', 'duki'], ['loralai', 'barkhan'], ['loralai', 'musakhel'], ['loralai', 'killa_saifullah'], ['duki', 'kohlu'],
  ['duki', 'barkhan'], ['musakhel', 'killa_saifullah'], ['musakhel', 'zhob'], ['musakhel', 'barkhan'],
  ['killa_saifullah', 'zhob'], ['zhob', 'sherani'],
];

/**
 * Words that say what kind of spot, not which one: they count a fifth of a word that names the spot
 * ("Sariab Road" and "Jinnah Road" are not one place; "Bus stand" and "بس اسٹینڈ" in one town are).
 */
const GENERIC_WORDS = [
  'bus', 'stand', 'adda', 'chowk', 'road', 'bazaar', 'bazar', 'market', 'station', 'railway', 'city', 'town',
  'hospital', 'mosque', 'masjid', 'park', 'school', 'gate', 'colony', 'area', 'block', 'street', 'gali', 'mohalla',
  'village', 'goth', 'killi', 'kili', 'main', 'new', 'old', 'sector', 'phase', 'house', 'shop', 'hotel', 'district',
  'tehsil', 'police', 'thana', 'home', 'chowki', 'check', 'post', 'bypass', 'highway',
  'بس', 'اسٹینڈ', 'سٹینڈ', 'اڈا', 'اڈہ', 'چوک', 'روڈ', 'بازار', 'مارکیٹ', 'اسٹیشن', 'ریلوے', 'شہر', 'ہسپتال',
  'مسجد', 'پارک', 'اسکول', 'سکول', 'گیٹ', 'کالونی', 'علاقہ', 'گلی', 'محلہ', 'گاؤں', 'گوٹھ', 'کلی', 'تھانہ', 'ضلع', 'چوکی',
];
/** Words that say nothing about a place. */
const STOP_WORDS = ['near', 'the', 'of', 'at', 'in', 'and', 'from', 'outside', 'inside', 'opposite', 'behind', 'نزد', 'کے', 'کا', 'کی', 'سامنے', 'پاس', 'میں'];
const GENERIC_WEIGHT = 0.2;

/** A word's key without vowel markers and with near letters merged (Qalat = Kalat, Khuzdar = Kuzdar). */
const coarse = (key: string) => key.replace(/[@AIU]/g, '').replace(/[xGg]/g, 'k').replace(/S/g, 's').replace(/z/g, 's');

const spanOf = (parsed: ParsedName, from: number, to: number) =>
  parsed.tokens.slice(from, to + 1).map((t) => coarse(t.key)).join('');

const DISTRICT_BY_SPAN = new Map<string, Array<{ id: string; name: ParsedName }>>();
for (const [id, names] of Object.entries(DISTRICTS)) {
  for (const name of names) {
    const parsed = parseName(name);
    if (!parsed.tokens.length) continue;
    const span = spanOf(parsed, 0, parsed.tokens.length - 1);
    DISTRICT_BY_SPAN.set(span, [...(DISTRICT_BY_SPAN.get(span) ?? []), { id, name: parsed }]);
  }
}

/** The district a run of words names: the loose key finds it, the words must then agree closely. */
function districtAt(parsed: ParsedName, from: number, to: number): string | undefined {
  const candidates = DISTRICT_BY_SPAN.get(spanOf(parsed, from, to));
  if (!candidates) return undefined;
  const words = parsed.tokens.slice(from, to + 1);
  for (const { id, name } of candidates) {
    if (name.tokens.length !== words.length) return id;
    if (words.every((w, i) => tokenSimilarity(w, name.tokens[i]!) >= 0.9)) return id;
  }
  return undefined;
}
const NEIGHBOUR_SET = new Set(NEIGHBOURS.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
const GENERIC_KEYS = new Set(GENERIC_WORDS.flatMap((w) => parseName(w).tokens.map((t) => t.key)));
const STOP_KEYS = new Set(STOP_WORDS.flatMap((w) => parseName(w).tokens.map((t) => t.key)));

export type PreparedPlace = {
  districts: Set<string>;
  /** The words that name the spot (districts and stop words left out), by key, with their weight. */
  spot: Map<string, number>;
  spotWeight: number;
};

const placeCache = new Map<string, PreparedPlace | undefined>();

/** The districts and spots a place names (memoised: the same places recur across thousands of cases). */
export function preparePlace(place: string | undefined): PreparedPlace | undefined {
  if (!place) return undefined;
  if (placeCache.has(place)) return placeCache.get(place);
  const prepared = readPlace(place);
  if (placeCache.size > 100_000) placeCache.clear();
  placeCache.set(place, prepared);
  return prepared;
}

function readPlace(place: string): PreparedPlace | undefined {
  const parsed = parseName(place);
  const districts = new Set<string>();
  const districtKeys = new Set<string>();
  parsed.tokens.forEach((_, i) => {
    for (let j = i; j < Math.min(parsed.tokens.length, i + 4); j++) {
      const id = districtAt(parsed, i, j);
      if (id) {
        districts.add(id);
        for (let k = i; k <= j; k++) districtKeys.add(parsed.tokens[k]!.key);
      }
    }
  });
  const spot = new Map<string, number>();
  for (const t of parsed.tokens) {
    if (districtKeys.has(t.key) || STOP_KEYS.has(t.key)) continue;
    spot.set(t.key, GENERIC_KEYS.has(t.key) ? GENERIC_WEIGHT : 1);
  }
  if (!districts.size && !spot.size) return undefined;
  let spotWeight = 0;
  for (const w of spot.values()) spotWeight += w;
  return { districts, spot, spotWeight };
}

/** Two spots are one when at least half of the smaller description is shared. */
function sameSpot(a: PreparedPlace, b: PreparedPlace): boolean {
  let shared = 0;
  for (const [key, weight] of a.spot) if (b.spot.has(key)) shared += weight;
  return shared > 0 && shared >= 0.5 * Math.min(a.spotWeight, b.spotWeight);
}

export type PlaceAgreement = 'same_spot' | 'same_district' | 'neighbouring' | 'different' | 'unknown';

export function comparePlaces(a: PreparedPlace | undefined, b: PreparedPlace | undefined): PlaceAgreement {
  if (!a || !b) return 'unknown';
  const sharedSpot = sameSpot(a, b);
  if (a.districts.size && b.districts.size) {
    let same = false;
    let near = false;
    for (const d of a.districts) {
      if (b.districts.has(d)) same = true;
      for (const e of b.districts) if (NEIGHBOUR_SET.has(`${d}|${e}`)) near = true;
    }
    if (same) return sharedSpot ? 'same_spot' : 'same_district';
    return near ? 'neighbouring' : 'different';
  }
  // Without a district on both sides only a clearly named shared spot says anything.
  return sharedSpot && Math.min(a.spotWeight, b.spotWeight) >= 1 ? 'same_spot' : 'unknown';
}

/** Districts' ids, for generators and tests. */
export const DISTRICT_IDS = Object.keys(DISTRICTS);
export function districtsNeighbouring(id: string): string[] {
  return NEIGHBOURS.filter(([a, b]) => a === id || b === id).map(([a, b]) => (a === id ? b : a));
}
