import type { CaseData } from '../../src/core/case-model.js';
import { caseInputSchema } from '../../src/core/case-model.js';

/**
 * Deterministic generated cases with realistic Pakistani (largely Balochistan) names in Urdu and Roman
 * script, for benches and large-register tests. Same seed, same cases.
 */

const BOYS: Array<[string, string]> = [
  ['Muhammad', 'محمد'], ['Ali', 'علی'], ['Ahmed', 'احمد'], ['Hassan', 'حسن'], ['Hussain', 'حسین'], ['Bilal', 'بلال'],
  ['Usman', 'عثمان'], ['Imran', 'عمران'], ['Zubair', 'زبیر'], ['Naveed', 'نوید'], ['Asad', 'اسد'], ['Sajid', 'ساجد'],
  ['Abdul Rehman', 'عبدالرحمن'], ['Abdullah', 'عبداللہ'], ['Gul Khan', 'گل خان'], ['Noor Ahmed', 'نور احمد'],
  ['Shah Jahan', 'شاہ جہان'], ['Rahim', 'رحیم'], ['Karim', 'کریم'], ['Yousaf', 'یوسف'], ['Ismail', 'اسماعیل'],
  ['Faisal', 'فیصل'], ['Waseem', 'وسیم'], ['Jameel', 'جمیل'], ['Nasir', 'ناصر'], ['Tariq', 'طارق'], ['Umar', 'عمر'],
  ['Hamza', 'حمزہ'], ['Saeed', 'سعید'], ['Zahid', 'زاہد'], ['Daud', 'داؤد'], ['Jan Muhammad', 'جان محمد'],
];
const GIRLS: Array<[string, string]> = [
  ['Zainab', 'زینب'], ['Fatima', 'فاطمہ'], ['Ayesha', 'عائشہ'], ['Khadija', 'خدیجہ'], ['Maryam', 'مریم'], ['Saima', 'صائمہ'],
  ['Noor', 'نور'], ['Rukhsana', 'رخسانہ'], ['Shabana', 'شبانہ'], ['Nasreen', 'نسرین'], ['Bibi Gul', 'بی بی گل'],
  ['Hajira', 'ہاجرہ'], ['Sana', 'ثنا'], ['Amina', 'آمنہ'], ['Farzana', 'فرزانہ'], ['Rabia', 'رابعہ'], ['Sadia', 'سعدیہ'],
  ['Mehnaz', 'مہناز'], ['Parveen', 'پروین'], ['Gul Bano', 'گل بانو'],
];
const FAMILY: Array<[string, string]> = [
  ['Khan', 'خان'], ['Baloch', 'بلوچ'], ['Kakar', 'کاکڑ'], ['Achakzai', 'اچکزئی'], ['Mengal', 'مینگل'], ['Bugti', 'بگٹی'],
  ['Marri', 'مری'], ['Rind', 'رند'], ['Jamali', 'جمالی'], ['Hazara', 'ہزارہ'], ['Tareen', 'ترین'], ['Mandokhel', 'مندوخیل'],
  ['Raisani', 'رئیسانی'], ['Lehri', 'لہڑی'], ['Brahui', 'براہوی'], ['Qureshi', 'قریشی'], ['Shah', 'شاہ'], ['Bangulzai', 'بنگلزئی'],
];
const SECTIONS = ['PPC 379', 'PPC 380', 'PPC 392', 'PPC 324', 'PPC 337-A', 'PPC 302', 'PPC 411', 'CNSA 9(b)', 'CNSA 9(c)', 'PPC 365-A', 'PPC 34', 'PPC 147'];
const CATEGORIES = ['in_conflict', 'in_conflict', 'in_conflict', 'victim', 'witness', 'missing', 'found', 'at_risk'] as const;

/** Mulberry32: small, fast, seedable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCases(count: number, seed = 2018): CaseData[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = Date.parse('2026-11-01T00:00:00Z') - start;
  return Array.from({ length: count }, () => {
    const girl = random() < 0.3;
    const [given, givenUr] = pick(girl ? GIRLS : BOYS);
    const [family, familyUr] = pick(FAMILY);
    const [fatherGiven, fatherGivenUr] = pick(BOYS);
    const urduFirst = random() < 0.5;
    const roman = `${given} ${family}`;
    const urdu = `${givenUr} ${familyUr}`;
    const reported = new Date(start + Math.floor(random() * span));
    const category = pick(CATEGORIES);
    const arrested = new Date(reported.getTime() - Math.floor(random() * 6 * 3600_000));
    return caseInputSchema.parse({
      category,
      reportedAt: reported.toISOString(),
      child: {
        name: urduFirst ? urdu : roman,
        altName: urduFirst ? roman : urdu,
        fatherName: random() < 0.5 ? `${fatherGiven} ${family}` : `${fatherGivenUr} ${familyUr}`,
        gender: girl ? 'female' : 'male',
        claimedAge: 8 + Math.floor(random() * 10),
        district: pick(['Quetta', 'Pishin', 'Killa Abdullah', 'Mastung', 'Sibi', 'Turbat', 'Khuzdar']),
      },
      guardian: { name: `${fatherGiven} ${family}`, relation: 'father', phone: `03${Math.floor(random() * 1e9).toString().padStart(9, '0')}` },
      ...(category === 'in_conflict'
        ? {
            offence: { firNumber: `${Math.floor(random() * 900) + 1}/${reported.getUTCFullYear()}`, sections: [pick(SECTIONS)] },
            custody: { arrestedAt: arrested.toISOString(), place: random() < 0.9 ? 'observation_home' : 'police_lockup' },
          }
        : {}),
      ...(category === 'missing' ? { missing: { lastSeenAt: arrested.toISOString(), lastSeenPlace: 'Bus stand', description: 'Shalwar kameez' } } : {}),
    });
  });
}

/** Fragments a person would type when searching for a generated child: 3-6 letters of a name part. */
export function nameFragments(cases: CaseData[], count: number, seed = 7): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const c = cases[Math.floor(random() * cases.length)]!;
    const words = [c.child.name, c.child.altName ?? c.child.name].join(' ').split(' ').filter((w) => w.length >= 3);
    const word = words[Math.floor(random() * words.length)]!;
    const length = Math.min(word.length, 3 + Math.floor(random() * 4));
    const from = Math.floor(random() * (word.length - length + 1));
    return word.slice(from, from + length);
  });
}
