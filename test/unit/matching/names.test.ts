import { describe, expect, it } from 'vitest';
import { nameKeys, nameSimilarity } from '../../../src/core/matching/names.js';

/** Every pair within each group is one name, however written. */
const SAME_NAME: string[][] = [
  ['Muhammad', 'Mohammad', 'Mohd', 'Muhammed', 'Mohammed', 'Md', 'Md.', 'محمد', 'مُحَمَّد'],
  ['Zainab', 'Zenab', 'Zaynab', 'زینب'],
  ['Ayesha', 'Aisha', 'Aysha', 'عائشہ'],
  ['Abdul Rehman', 'Abdur Rahman', 'Abdulrehman', 'Abdul-Rahman', 'Abd ur Rahman', 'عبدالرحمن', 'عبد الرحمن'],
  ['Khan', 'خان'],
  ['Bibi', 'Bi Bi', 'بی بی', 'بیبی'],
  ['Fatima', 'Fatimah', 'Fatema', 'فاطمہ'],
  ['Hussain', 'Husain', 'Hossain', 'Hussein', 'حسین'],
  ['Yousaf', 'Yusuf', 'Yousuf', 'Yousef', 'یوسف'],
  ['Gul', 'گل'],
  ['Noor ud Din', 'Nooruddin', 'Noor-ud-Din', 'نورالدین', 'نور الدین'],
  ['Sami Ullah', 'Samiullah', 'سمیع اللہ', 'سمیعاللہ'],
  ['Shah Jahan', 'Shahjahan', 'شاہ جہان'],
  ['Abdullah', 'Abdulla', 'عبداللہ'],
  ['Ismail', 'Ismael', 'اسماعیل'],
  ['Daud', 'Dawood', 'داؤد'],
  ['Khadija', 'Khadijah', 'Khadeeja', 'خدیجہ'],
  ['Usman', 'Osman', 'Uthman', 'عثمان'],
  ['Ishaq', 'Ishaque', 'اسحاق'],
  ['Mustafa', 'مصطفیٰ', 'مصطفی'],
  ['Achakzai', 'Achakzay', 'اچکزئی'],
  ['Quetta', 'کوئٹہ'],
];

describe('nameSimilarity: one name in both scripts and many spellings', () => {
  for (const group of SAME_NAME) {
    it(`reads ${group.join(' / ')} as one name`, () => {
      for (const a of group) for (const b of group) expect(nameSimilarity(a, b), `${a} vs ${b}`).toBeGreaterThanOrEqual(0.95);
    });
  }

  it('joins words written apart ("Gul Khan" and "Gulkhan")', () => {
    expect(nameSimilarity('Gul Khan', 'Gulkhan')).toBeGreaterThanOrEqual(0.95);
    expect(nameSimilarity('Bibi Gul', 'بی بی گل')).toBe(1);
  });

  it('ignores word order, titles and what follows "son of"', () => {
    expect(nameSimilarity('Zainab Kakar', 'Kakar Zainab')).toBe(1);
    expect(nameSimilarity('Zainab Kakar', 'کاکڑ زینب')).toBe(1);
    expect(nameSimilarity('Mst. Zainab Bibi', 'Zainab Bibi')).toBe(1);
    expect(nameSimilarity('Ali s/o Akbar', 'Ali')).toBe(1);
    expect(nameSimilarity('علی ولد اکبر', 'Ali')).toBe(1);
  });

  it('folds Arabic code points, diacritics and a mistyped ھ for ہ', () => {
    expect(nameSimilarity('\u0639\u0644\u064A', 'علی')).toBe(1); // Arabic yeh
    expect(nameSimilarity('زاھد', 'زاہد')).toBe(1);
    expect(nameSimilarity('زاھد', 'Zahid')).toBe(1);
  });

  it('is symmetric', () => {
    for (const [a, b] of [['Muhammad Ali', 'Ali'], ['Zainab', 'Zubair'], ['Hassan', 'حسین'], ['Gul Khan', 'Gulkhan']] as const) {
      expect(nameSimilarity(a, b)).toBe(nameSimilarity(b, a));
    }
  });
});

describe('nameSimilarity: different names stay apart', () => {
  it('scores clearly different names low', () => {
    expect(nameSimilarity('Zainab', 'Zubair')).toBeLessThan(0.5);
    expect(nameSimilarity('Karim', 'Rahim')).toBeLessThan(0.5);
    expect(nameSimilarity('Fatima', 'Ayesha')).toBeLessThan(0.5);
    expect(nameSimilarity('Muhammad Ali', 'Muhammad Bilal')).toBeLessThan(0.5);
    expect(nameSimilarity('Zainab', 'مریم')).toBeLessThan(0.5);
  });

  it('tells Hassan from Hussain by the long vowel Urdu writes (حسن / حسین)', () => {
    expect(nameSimilarity('Hassan', 'حسین')).toBeLessThan(0.9);
    expect(nameSimilarity('Hussain', 'حسن')).toBeLessThan(0.9);
    expect(nameSimilarity('Hassan', 'Hussain')).toBeLessThan(nameSimilarity('Hussain', 'Husain'));
    expect(nameSimilarity('Hassan', 'حسن')).toBe(1);
  });

  it('keeps Ali and Alia (a boy\'s and a girl\'s name) below "sound alike"; matching also keeps genders apart', () => {
    expect(nameSimilarity('Ali', 'Alia')).toBeLessThan(0.8);
    expect(nameSimilarity('علی', 'عالیہ')).toBeLessThan(0.8);
  });

  it('counts a shared tribe or Muhammad for little', () => {
    expect(nameSimilarity('Zainab Kakar', 'Zainab Mengal')).toBeLessThan(0.7);
    expect(nameSimilarity('Zainab Kakar', 'Maryam Kakar')).toBeLessThan(0.5);
    expect(nameSimilarity('Muhammad Ali', 'Muhammad')).toBeLessThan(nameSimilarity('Muhammad Ali', 'Ali'));
  });

  it('scores a name given in part high, but below the whole name', () => {
    const part = nameSimilarity('Zainab', 'Zainab Kakar');
    expect(part).toBeGreaterThanOrEqual(0.85);
    expect(part).toBeLessThan(1);
    expect(nameSimilarity('Ali', 'Muhammad Ali')).toBeGreaterThanOrEqual(0.85);
  });

  it('gives nothing for no name', () => {
    expect(nameSimilarity('', 'Ali')).toBe(0);
    expect(nameSimilarity('123', 'Ali')).toBe(0);
    expect(nameSimilarity('-', '-')).toBe(0);
  });
});

describe('nameKeys', () => {
  it('gives every spelling of a name a key in common, so the index finds it', () => {
    for (const group of SAME_NAME) {
      for (const a of group) {
        for (const b of group) {
          const shared = nameKeys(a).filter((k) => nameKeys(b).includes(k));
          expect(shared.length, `${a} vs ${b}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('leaves out words that say little when the name has others', () => {
    const muhammad = nameKeys('Muhammad');
    expect(muhammad.length).toBeGreaterThan(0);
    for (const key of muhammad) expect(nameKeys('Muhammad Ali Khan')).not.toContain(key);
    expect(nameKeys('Muhammad Ali Khan')).toEqual(expect.arrayContaining(nameKeys('Ali').filter((k) => !k.startsWith('~'))));
  });

  it('has none for no name', () => {
    expect(nameKeys('')).toEqual([]);
  });
});
