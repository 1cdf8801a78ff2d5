import { describe, expect, it } from 'vitest';
import { caseSearchText, foldForSearch } from '../../../src/core/search-text.js';

describe('search folding', () => {
  it('folds Arabic code points to the Urdu ones people type', () => {
    // Arabic yeh and kaf (as some keyboards produce) vs Urdu yeh and keheh.
    expect(foldForSearch('\u0639\u0644\u064A')).toBe(foldForSearch('\u0639\u0644\u06CC'));
    expect(foldForSearch('\u0643\u0631\u06CC\u0645')).toBe(foldForSearch('\u06A9\u0631\u06CC\u0645'));
  });

  it('ignores diacritics, tatweel and letter case', () => {
    expect(foldForSearch('مُحَمَّد')).toBe('محمد');
    expect(foldForSearch('مـحـمـد')).toBe('محمد');
    expect(foldForSearch('  Zainab   BIBI ')).toBe('zainab bibi');
  });

  it('keeps case and FIR number punctuation', () => {
    expect(foldForSearch('QTA01-2026-0001')).toBe('qta01-2026-0001');
    expect(foldForSearch('FIR 123/2026')).toBe('fir 123/2026');
  });

  it('joins only the parts present', () => {
    expect(caseSearchText(['Ali', undefined, 'QTA01-2026-0001'])).toBe('ali | qta01-2026-0001');
  });
});
