import type { MatchGender, MatchPerson } from '../../src/core/matching/match.js';
import { districtsNeighbouring } from '../../src/core/matching/places.js';
import { seededRandom } from './generate-cases.js';

/**
 * A deterministic evaluation set for missing/found matching: open missing children and found children, with
 * the true pairs known. Hard but fair:
 * - true found records differ from their missing report the way they do in the field: the other script,
 *   another Roman spelling, tribe before the given name, only the given name, the father's name left out or
 *   written differently, the age guessed up to 3 years off, found in a neighbouring district, up to 60 days
 *   later (a few entered a little before the last-seen time), now and then a typing slip;
 * - names are drawn with a skew, so there are many Muhammad Alis and Fatimas; some missing children are
 *   siblings who went missing together (same father, place and time, different first names);
 * - found children without a partner: namesakes with another father, siblings of a missing child,
 *   the same child found on an earlier disappearance, a child of the other gender from the same family,
 *   and children nobody reported.
 */

type Word = { ur: string; roman: string[] };
const w = (ur: string, ...roman: string[]): Word => ({ ur, roman });

const MUHAMMAD = w('محمد', 'Muhammad', 'Mohammad', 'Muhammed', 'Mohammed', 'Mohd', 'Md');
const BOYS: Word[] = [
  w('علی', 'Ali', 'Aly'), w('احمد', 'Ahmed', 'Ahmad'), w('حسن', 'Hassan', 'Hasan'), w('حسین', 'Hussain', 'Husain', 'Hussein', 'Hossain'),
  w('بلال', 'Bilal', 'Belal'), w('عثمان', 'Usman', 'Osman', 'Uthman'), w('عمران', 'Imran', 'Imraan'), w('زبیر', 'Zubair', 'Zubeir', 'Zobair'),
  w('نوید', 'Naveed', 'Navid', 'Naved'), w('اسد', 'Asad', 'Assad'), w('ساجد', 'Sajid', 'Saajid'),
  w('عبدالرحمن', 'Abdul Rehman', 'Abdur Rahman', 'Abdulrehman', 'Abdul Rahman'), w('عبداللہ', 'Abdullah', 'Abdulla', 'Abdallah'),
  w('گل خان', 'Gul Khan', 'Gulkhan'), w('نور احمد', 'Noor Ahmed', 'Noor Ahmad', 'Nur Ahmed'), w('شاہ جہان', 'Shah Jahan', 'Shahjahan', 'Shah Jehan'),
  w('رحیم', 'Rahim', 'Raheem'), w('کریم', 'Karim', 'Kareem'), w('یوسف', 'Yousaf', 'Yusuf', 'Yousuf', 'Yousef'),
  w('اسماعیل', 'Ismail', 'Ismael', 'Esmail'), w('فیصل', 'Faisal', 'Faysal'), w('وسیم', 'Waseem', 'Wasim'), w('جمیل', 'Jameel', 'Jamil'),
  w('ناصر', 'Nasir', 'Naasir'), w('طارق', 'Tariq', 'Tarik'), w('عمر', 'Umar', 'Omar', 'Umer'), w('حمزہ', 'Hamza', 'Hamzah'),
  w('سعید', 'Saeed', 'Saed', 'Sayeed'), w('زاہد', 'Zahid', 'Zahed'), w('داؤد', 'Daud', 'Dawood', 'Dawud'), w('جان محمد', 'Jan Muhammad', 'Jan Mohammad'),
  w('سمیع اللہ', 'Samiullah', 'Sami Ullah'), w('نورالدین', 'Nooruddin', 'Noor ud Din', 'Noor-ud-Din'), w('حسنین', 'Hasnain', 'Husnain'),
  w('شعیب', 'Shoaib', 'Shuaib'), w('قاسم', 'Qasim', 'Kasim', 'Qaasim'), w('اسحاق', 'Ishaq', 'Ishaque'), w('ایوب', 'Ayub', 'Ayoub', 'Ayyub'),
  w('ابراہیم', 'Ibrahim', 'Ebrahim', 'Ibraheem'), w('خالد', 'Khalid', 'Khaled'), w('ظفر', 'Zafar', 'Zafer'), w('اکبر', 'Akbar'),
  w('اصغر', 'Asghar'), w('عباس', 'Abbas', 'Abas'), w('عزیز', 'Aziz', 'Azeez'), w('حبیب اللہ', 'Habibullah', 'Habib Ullah'),
  w('نصیب اللہ', 'Naseebullah', 'Nasibullah'), w('عطاء اللہ', 'Ataullah', 'Atta Ullah'), w('رحمت اللہ', 'Rahmatullah', 'Rehmatullah'),
  w('ضیاء الرحمن', 'Zia ur Rehman', 'Ziaur Rahman'), w('مصطفی', 'Mustafa', 'Mustafah'), w('موسی', 'Musa', 'Moosa'),
  w('بختیار', 'Bakhtiar', 'Bakhtiyar'), w('شیر علی', 'Sher Ali'), w('دوست محمد', 'Dost Muhammad', 'Dost Mohammad'), w('میر احمد', 'Mir Ahmed'),
  w('عبدالقادر', 'Abdul Qadir', 'Abdulqadir'), w('نعمت اللہ', 'Naimatullah', 'Niamatullah'), w('فرید', 'Farid', 'Fareed'),
  w('جاوید', 'Javed', 'Javaid'), w('پرویز', 'Pervez', 'Parvez'), w('سلیم', 'Saleem', 'Salim'), w('شاہد', 'Shahid', 'Shahed'),
];
const GIRLS: Word[] = [
  w('زینب', 'Zainab', 'Zenab', 'Zaynab'), w('فاطمہ', 'Fatima', 'Fatimah', 'Fatema', 'Fatma'), w('عائشہ', 'Ayesha', 'Aisha', 'Aysha'),
  w('خدیجہ', 'Khadija', 'Khadijah', 'Khadeeja'), w('مریم', 'Maryam', 'Mariam', 'Mariyam'), w('صائمہ', 'Saima', 'Saema'), w('نور', 'Noor', 'Nur'),
  w('رخسانہ', 'Rukhsana', 'Rukhsaana'), w('شبانہ', 'Shabana'), w('نسرین', 'Nasreen', 'Nasrin'), w('بی بی گل', 'Bibi Gul', 'Bibigul'),
  w('ہاجرہ', 'Hajira', 'Hajra'), w('ثنا', 'Sana', 'Sanaa'), w('آمنہ', 'Amina', 'Amna', 'Aamina'), w('فرزانہ', 'Farzana'), w('رابعہ', 'Rabia', 'Rabiya'),
  w('سعدیہ', 'Sadia', 'Saadia', 'Sadiya'), w('مہناز', 'Mehnaz', 'Mahnaz'), w('پروین', 'Parveen', 'Perveen', 'Parvin'), w('گل بانو', 'Gul Bano', 'Gulbano'),
  w('شازیہ', 'Shazia', 'Shaziya'), w('نازیہ', 'Nazia', 'Naziya'), w('حلیمہ', 'Haleema', 'Halima'), w('سکینہ', 'Sakina', 'Sakeena'),
  w('زہرہ', 'Zahra', 'Zehra'), w('بسمہ', 'Bisma', 'Bismah'), w('کلثوم', 'Kulsoom', 'Kulsum'), w('ماہ گل', 'Mah Gul', 'Mahgul'),
  w('شہناز', 'Shahnaz', 'Shehnaz'), w('نرگس', 'Nargis', 'Nargis'), w('حمیرا', 'Humaira', 'Humera'), w('گل ناز', 'Gulnaz', 'Gul Naz'),
  w('شمیم', 'Shamim', 'Shameem'), w('ناہید', 'Naheed', 'Nahid'),
];
const TRIBES: Word[] = [
  w('خان', 'Khan'), w('بلوچ', 'Baloch', 'Baluch'), w('کاکڑ', 'Kakar', 'Kakkar'), w('اچکزئی', 'Achakzai', 'Achakzay'), w('مینگل', 'Mengal', 'Mingal'),
  w('بگٹی', 'Bugti'), w('مری', 'Marri', 'Mari'), w('رند', 'Rind'), w('جمالی', 'Jamali'), w('ہزارہ', 'Hazara'), w('ترین', 'Tareen', 'Tarin'),
  w('مندوخیل', 'Mandokhel', 'Mandukhel'), w('رئیسانی', 'Raisani', 'Raeesani'), w('لہڑی', 'Lehri', 'Lahri'), w('براہوی', 'Brahui', 'Brohi'),
  w('قریشی', 'Qureshi', 'Qurashi'), w('شاہ', 'Shah'), w('بنگلزئی', 'Bangulzai', 'Bangalzai'), w('زہری', 'Zehri', 'Zahri'),
  w('شاہوانی', 'Shahwani'), w('نوتیزئی', 'Notezai'), w('درانی', 'Durrani'),
];
/** Districts with their Roman and Urdu names and station-code prefixes; Quetta most of all. */
const DISTRICTS: Array<{ id: string; roman: string; ur: string; code: string; share: number }> = [
  { id: 'quetta', roman: 'Quetta', ur: 'کوئٹہ', code: 'QTA', share: 0.3 },
  { id: 'pishin', roman: 'Pishin', ur: 'پشین', code: 'PSN', share: 0.08 },
  { id: 'killa_abdullah', roman: 'Killa Abdullah', ur: 'قلعہ عبداللہ', code: 'KAB', share: 0.06 },
  { id: 'chaman', roman: 'Chaman', ur: 'چمن', code: 'CHM', share: 0.05 },
  { id: 'mastung', roman: 'Mastung', ur: 'مستونگ', code: 'MST', share: 0.05 },
  { id: 'kalat', roman: 'Kalat', ur: 'قلات', code: 'KLT', share: 0.04 },
  { id: 'khuzdar', roman: 'Khuzdar', ur: 'خضدار', code: 'KZD', share: 0.06 },
  { id: 'sibi', roman: 'Sibi', ur: 'سبی', code: 'SBI', share: 0.05 },
  { id: 'kachhi', roman: 'Kachhi', ur: 'کچھی', code: 'KCH', share: 0.04 },
  { id: 'naseerabad', roman: 'Naseerabad', ur: 'نصیر آباد', code: 'NSB', share: 0.05 },
  { id: 'kech', roman: 'Turbat', ur: 'تربت', code: 'KCH', share: 0.05 },
  { id: 'gwadar', roman: 'Gwadar', ur: 'گوادر', code: 'GWD', share: 0.03 },
  { id: 'lasbela', roman: 'Lasbela', ur: 'لسبیلہ', code: 'LSB', share: 0.04 },
  { id: 'hub', roman: 'Hub', ur: 'حب', code: 'HUB', share: 0.04 },
  { id: 'loralai', roman: 'Loralai', ur: 'لورالائی', code: 'LRL', share: 0.03 },
  { id: 'zhob', roman: 'Zhob', ur: 'ژوب', code: 'ZHB', share: 0.03 },
];
const SPOTS: Word[] = [
  w('بس اسٹینڈ', 'Bus stand', 'Bus adda'), w('ریلوے اسٹیشن', 'Railway station'), w('مین بازار', 'Main bazaar', 'Main bazar'),
  w('سریاب روڈ', 'Sariab Road'), w('نزد مسجد', 'Near mosque', 'Near masjid'), w('سبزی منڈی', 'Sabzi Mandi'), w('جناح روڈ', 'Jinnah Road'),
  w('اسکول گیٹ', 'School gate'), w('ہسپتال', 'Hospital'), w('کلی شیخان', 'Killi Shekhan'), w('گھر کے سامنے', 'Outside home'),
];

export type MatchingSetOptions = { missing?: number; found?: number; partnered?: number; seed?: number };
export type FoundKind = 'partner' | 'namesake' | 'sibling' | 'earlier_episode' | 'other_gender' | 'unreported';
export type MatchingSet = {
  missing: MatchPerson[];
  found: MatchPerson[];
  /** Found case id -> its missing partner's case id (only found children that have one). */
  truth: Map<string, string>;
  kind: Map<string, FoundKind>;
};

type Child = {
  gender: MatchGender;
  given: Word[];
  tribe: Word | undefined;
  father: Word[];
  age: number;
  district: (typeof DISTRICTS)[number];
  spot: Word;
  at: number;
};

const DAY = 24 * 3600_000;

export function generateMatchingSet(options: MatchingSetOptions = {}): MatchingSet {
  const missingCount = options.missing ?? 2000;
  const foundCount = options.found ?? 600;
  const partnered = Math.min(options.partnered ?? Math.round(foundCount * (2 / 3)), missingCount, foundCount);
  const random = seededRandom(options.seed ?? 7);
  const chance = (p: number) => random() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  /** Skewed pick: early entries are much commoner (as Muhammad, Ali, Fatima are). */
  const pickSkewed = <T>(list: readonly T[]): T => list[Math.floor(Math.pow(random(), 1.8) * list.length)]!;
  const pickDistrict = () => {
    let r = random() * DISTRICTS.reduce((s, d) => s + d.share, 0);
    for (const d of DISTRICTS) if ((r -= d.share) <= 0) return d;
    return DISTRICTS[0]!;
  };
  const districtById = (id: string) => DISTRICTS.find((d) => d.id === id);
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = Date.parse('2026-10-01T00:00:00Z') - start;

  const givenFor = (gender: MatchGender): Word[] => {
    if (gender === 'female') return [pickSkewed(GIRLS)];
    return chance(0.3) ? [MUHAMMAD, pickSkewed(BOYS)] : [pickSkewed(BOYS)];
  };
  const newChild = (): Child => {
    const r = random();
    const gender: MatchGender = r < 0.69 ? 'male' : r < 0.99 ? 'female' : 'transgender';
    return {
      gender,
      given: givenFor(gender),
      tribe: chance(0.75) ? pickSkewed(TRIBES) : undefined,
      father: givenFor('male'),
      age: int(3, 17),
      district: pickDistrict(),
      spot: pick(SPOTS),
      at: start + Math.floor(random() * span),
    };
  };

  // Rendering: Roman with a chosen spelling per word, or Urdu.
  const roman = (words: Word[], variant: 'first' | 'any' | 'other', typo = false) =>
    words
      .map((word) => {
        const spelling = variant === 'first' ? word.roman[0]! : variant === 'any' ? pick(word.roman) : pick(word.roman.length > 1 ? word.roman.slice(1) : word.roman);
        return typo ? misspell(spelling) : spelling;
      })
      .join(' ');
  const urdu = (words: Word[]) => words.map((word) => word.ur).join(' ');
  const misspell = (s: string): string => {
    const kind = int(0, 2);
    if (kind === 0) return s.replace(/([bdlmnrst])/, '$1$1'); // doubled consonant
    if (kind === 1) return s.replace(/ee/, 'i').replace(/([^aeiou ])a([^aeiou ])/, '$1e$2'); // vowel slip
    return s.replace(/h(?=[aeiou])/, ''); // dropped h
  };
  const placeText = (spot: Word | undefined, district: (typeof DISTRICTS)[number], inUrdu: boolean) =>
    inUrdu ? [spot?.ur, district.ur].filter(Boolean).join(' ') : [spot ? pick(spot.roman) : undefined, district.roman].filter(Boolean).join(', ');
  const stationOf = (district: (typeof DISTRICTS)[number]) => `${district.code}${String(int(1, 4)).padStart(2, '0')}`;

  // --- Missing children -------------------------------------------------------------------------------
  const children: Child[] = [];
  while (children.length < missingCount) {
    const child = newChild();
    children.push(child);
    // One in ten went missing with a brother or sister: same father and tribe, same place and time.
    if (chance(0.1) && children.length < missingCount) {
      const gender: MatchGender = chance(0.6) ? child.gender : child.gender === 'male' ? 'female' : 'male';
      let given = givenFor(gender);
      while (urdu(given) === urdu(child.given)) given = givenFor(gender);
      children.push({ ...child, gender, given, age: Math.max(2, Math.min(17, child.age + pick([-3, -2, -1, 1, 2, 3]))) });
    }
  }
  const missing: MatchPerson[] = children.map((child, i) => {
    const nameWords = child.tribe ? [...child.given, child.tribe] : child.given;
    const urduFirst = chance(0.5);
    const fatherWords = child.tribe ? [...child.father, child.tribe] : child.father;
    return {
      caseId: `M${String(i + 1).padStart(5, '0')}`,
      stationCode: stationOf(child.district),
      category: 'missing',
      name: urduFirst ? urdu(nameWords) : roman(nameWords, 'first'),
      ...(chance(0.6) ? { altName: urduFirst ? roman(nameWords, 'first') : urdu(nameWords) } : {}),
      ...(chance(0.9) ? { fatherName: chance(0.5) ? urdu(fatherWords) : roman(fatherWords, 'any') } : {}),
      gender: child.gender,
      ...(chance(0.95) ? { ageYears: child.age } : {}),
      place: placeText(child.spot, child.district, chance(0.4)),
      at: new Date(child.at).toISOString(),
    };
  });

  // --- Found children -----------------------------------------------------------------------------------
  const found: MatchPerson[] = [];
  const truth = new Map<string, string>();
  const kind = new Map<string, FoundKind>();
  const order = children.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const partners = order.slice(0, partnered);
  const nearbyDistrict = (d: (typeof DISTRICTS)[number]) => {
    const near = districtsNeighbouring(d.id).map(districtById).filter((x): x is (typeof DISTRICTS)[number] => Boolean(x));
    return near.length ? pick(near) : d;
  };

  const record = (child: Child, k: FoundKind, at: number, variation: boolean): MatchPerson => {
    const id = `F${String(found.length + 1).padStart(5, '0')}`;
    // Name: only the given name sometimes (a child says "Ali", not "Muhammad Ali Kakar"); tribe first sometimes.
    let words = child.tribe ? [...child.given, child.tribe] : [...child.given];
    if (variation && chance(0.2)) words = child.given.length > 1 && chance(0.5) ? child.given.slice(1) : [...child.given];
    else if (variation && child.tribe && chance(0.15)) words = [child.tribe, ...child.given];
    const inUrdu = chance(0.5);
    const typo = variation && !inUrdu && chance(0.06);
    const name = inUrdu ? urdu(words) : roman(words, variation ? 'other' : 'any', typo);
    const altName = chance(0.3) ? (inUrdu ? roman(words, 'any') : urdu(words)) : undefined;
    // Father: often unknown to a found child; sometimes only his given name.
    let fatherName: string | undefined;
    if (!chance(variation ? 0.3 : 0.25)) {
      const fatherWords = child.tribe && !(variation && chance(0.1)) ? [...child.father, child.tribe] : child.father;
      fatherName = chance(0.5) ? urdu(fatherWords) : roman(fatherWords, 'any');
    }
    // Age: guessed by an officer, up to 3 years off; older by the time between.
    let age: number | undefined;
    if (!chance(0.08)) {
      const off = variation ? pick([0, 0, 0, 0, 1, -1, 1, -1, 2, -2, 3, -3]) : 0;
      age = Math.max(1, Math.round(child.age + (at - child.at) / (365.25 * DAY)) + off);
    }
    // Place: found where lost, next door, or in Quetta / far away.
    const r = random();
    const district = !variation ? child.district : r < 0.45 ? child.district : r < 0.85 ? nearbyDistrict(child.district) : pick(DISTRICTS);
    const spot = variation && district === child.district && chance(0.3) ? child.spot : pick(SPOTS);
    const gender: MatchGender = variation && child.gender === 'male' && chance(0.01) ? 'transgender' : child.gender;
    kind.set(id, k);
    return {
      caseId: id,
      stationCode: stationOf(district),
      category: chance(0.8) ? 'found' : 'at_risk',
      ...(name ? { name } : {}),
      ...(altName ? { altName } : {}),
      ...(fatherName ? { fatherName } : {}),
      gender,
      ...(age !== undefined ? { ageYears: age } : {}),
      place: placeText(spot, district, chance(0.4)),
      at: new Date(at).toISOString(),
    };
  };

  for (const i of partners) {
    const child = children[i]!;
    // Found 0-60 days after last seen; a few entered up to 20 hours before it (clock or typing).
    const at = chance(0.03) ? child.at - Math.floor(random() * 20 * 3600_000) : child.at + Math.floor(random() * 60 * DAY);
    const person = record(child, 'partner', at, true);
    found.push(person);
    truth.set(person.caseId, missing[i]!.caseId);
  }

  const afterLost = (child: Child) => child.at + Math.floor(random() * 90 * DAY);
  while (found.length < foundCount) {
    const base = children[Math.floor(random() * children.length)]!;
    const r = random();
    if (r < 0.3) {
      // A namesake: same name, another father, own age and place.
      let father = givenFor('male');
      while (urdu(father) === urdu(base.father)) father = givenFor('male');
      const other: Child = { ...base, father, tribe: chance(0.5) ? base.tribe : pickSkewed(TRIBES), age: int(3, 17), district: pickDistrict(), spot: pick(SPOTS) };
      found.push(record(other, 'namesake', afterLost(base), false));
    } else if (r < 0.5) {
      // A brother or sister of a missing child: same father, another first name, not the sibling who is missing.
      const missingNames = new Set(children.filter((c) => urdu(c.father) === urdu(base.father) && c.tribe === base.tribe).map((c) => urdu(c.given)));
      let given = givenFor(base.gender);
      while (missingNames.has(urdu(given))) given = givenFor(base.gender);
      const sibling: Child = { ...base, given, age: Math.max(2, Math.min(17, base.age + pick([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]))) };
      found.push(record(sibling, 'sibling', afterLost(base), false));
    } else if (r < 0.65) {
      // The same child, found on an earlier disappearance (before this one began).
      found.push(record(base, 'earlier_episode', base.at - (5 + Math.floor(random() * 300)) * DAY, false));
    } else if (r < 0.75) {
      // A child of the other gender from the same family.
      const gender: MatchGender = base.gender === 'female' ? 'male' : 'female';
      found.push(record({ ...base, gender, given: givenFor(gender) }, 'other_gender', afterLost(base), false));
    } else {
      found.push(record(newChild(), 'unreported', start + Math.floor(random() * span), false));
    }
  }
  // Shuffle so that partners are not all first.
  for (let i = found.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [found[i], found[j]] = [found[j]!, found[i]!];
  }
  return { missing, found, truth, kind };
}
