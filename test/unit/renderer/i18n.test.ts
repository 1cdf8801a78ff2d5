import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASE_CATEGORIES, CUSTODY_PLACES, GENDERS, REFERRAL_PARTNERS } from '../../../src/core/case-model.js';
import { errorCatalog } from '../../../src/core/errors.js';
import { ROLES } from '../../../src/core/roles.js';
import { en } from '../../../src/renderer/i18n/en.js';
import { ur } from '../../../src/renderer/i18n/ur.js';

function flatten(messages: object, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(messages).flatMap(([key, value]) =>
      typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flatten(value as object, `${prefix}${key}.`)),
    ),
  );
}

const english = flatten(en);
const urdu = flatten(ur);
const rendererDir = fileURLToPath(new URL('../../../src/renderer', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('English and Urdu', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(urdu).sort()).toEqual(Object.keys(english).sort());
  });

  it('have no empty strings, and Urdu strings are in Urdu script where English has words', () => {
    for (const [key, text] of Object.entries(urdu)) {
      expect(text.trim(), key).not.toBe('');
      if (/[a-z]{4,}/i.test(english[key]!) && !/^(English|اردو)$/.test(text)) expect(text, key).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('cover every literal key the screens use', () => {
    const used = sourceFiles(rendererDir).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(50);
    for (const key of used) expect(english, key).toHaveProperty([key]);
  });

  it('name every category, gender, custody place, partner and role of the case model', () => {
    for (const [group, values] of [['categories', CASE_CATEGORIES], ['genders', GENDERS], ['custodyPlaces', CUSTODY_PLACES], ['partners', REFERRAL_PARTNERS], ['roles', ROLES]] as const) {
      for (const value of values) {
        expect(english, `${group}.${value}`).toHaveProperty([`${group}.${value}`]);
        expect(urdu, `${group}.${value}`).toHaveProperty([`${group}.${value}`]);
      }
    }
  });

  it('give every error a message and an action in Urdu', () => {
    for (const [code, entry] of Object.entries(errorCatalog)) {
      expect(entry.ur, code).toMatch(/[\u0600-\u06FF]/);
      expect(entry.actionUr, code).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
