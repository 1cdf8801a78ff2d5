import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/core/errors.js';
import { chromiumCandidates, countPdfPages, findChromium } from '../../../src/forms/pdf.js';

describe('finding Chromium to print with', () => {
  it('takes CHILDDESK_CHROMIUM first', () => {
    expect(findChromium({ CHILDDESK_CHROMIUM: '/opt/chrome/chrome' }, 'linux', (p) => p === '/opt/chrome/chrome' || p === '/usr/bin/chromium')).toBe('/opt/chrome/chrome');
  });

  it('says so when CHILDDESK_CHROMIUM names a file that is not there, rather than quietly using another', () => {
    try {
      findChromium({ CHILDDESK_CHROMIUM: '/nowhere/chrome' }, 'linux', (p) => p === '/usr/bin/chromium');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('NO_CHROMIUM');
      expect((error as Error).message).toContain('/nowhere/chrome');
    }
  });

  it('looks in the usual places: Debian chromium, then chromium-browser and Google Chrome', () => {
    expect(findChromium({}, 'linux', (p) => p === '/usr/bin/chromium-browser' || p === '/usr/bin/google-chrome')).toBe('/usr/bin/chromium-browser');
    expect(chromiumCandidates({}, 'linux').slice(0, 3)).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']);
  });

  it('on Windows tries Chrome and Edge under Program Files and the user profile', () => {
    const candidates = chromiumCandidates({ PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\desk\\AppData\\Local' }, 'win32');
    expect(candidates.some((c) => c.endsWith('chrome.exe') && c.startsWith('C:\\Program Files'))).toBe(true);
    expect(candidates.some((c) => c.endsWith('msedge.exe'))).toBe(true);
    expect(candidates.some((c) => c.startsWith('C:\\Users\\desk'))).toBe(true);
  });

  it('is a clear error when there is none', () => {
    expect(() => findChromium({}, 'linux', () => false)).toThrow(/No Chromium, Chrome or Edge/);
  });

  it('counts the pages of a PDF by its page objects', () => {
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R]>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type/Page /Parent 1 0 R>>');
    expect(countPdfPages(pdf)).toBe(2);
  });
});
