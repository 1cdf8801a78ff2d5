import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createComplianceSeries, monthRange, type ComplianceSeries } from '../../../src/core/returns/index.js';
import { CategoryChart, ComplianceChart, MissingRecoveredChart } from '../../../src/forms/charts/index.js';
import { generateDistrict } from '../../support/generate-district.js';
import { NOVEMBER_ROWS } from './fixture.js';

const URDU = /[\u0600-\u06FF]/;

/** Well-formed XML: every element closed in order, attributes quoted; returns the element names seen. */
function checkWellFormed(markup: string): string[] {
  const stack: string[] = [];
  const seen: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(markup); m; m = tag.exec(markup)) {
    expect(markup.slice(last, m.index)).not.toMatch(/[<>]/);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
    if (!closing) seen.push(name!);
  }
  expect(markup.slice(last)).toBe('');
  expect(stack).toEqual([]);
  return seen;
}

function render(element: ReactElement): string {
  const markup = renderToStaticMarkup(element);
  const names = checkWellFormed(markup);
  expect(names[0]).toBe('svg');
  expect(markup).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(markup).not.toMatch(/NaN|Infinity|undefined/);
  // Every url(#id) points at a pattern the chart defines; aria-labelledby at its title.
  for (const [, id] of markup.matchAll(/url\(#([^)]+)\)/g)) expect(markup).toContain(`id="${id}"`);
  const labelledBy = /aria-labelledby="([^"]+)"/.exec(markup)![1];
  expect(markup).toMatch(new RegExp(`<title id="${labelledBy}">[^<]+</title>`));
  expect(markup).toMatch(/<desc id="[^"]+">[^<]+<\/desc>/);
  return markup;
}

const texts = (markup: string) => [...markup.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
const title = (markup: string) => /<title[^>]*>([^<]*)<\/title>/.exec(markup)![1]!;

function series(months: string[], rows: Iterable<Parameters<ReturnType<typeof createComplianceSeries>['add']>[0]>): ComplianceSeries {
  const builder = createComplianceSeries({ months });
  for (const row of rows) builder.add(row);
  return builder.result();
}

describe('ComplianceChart', () => {
  const small = series(['2026-10', '2026-11', '2026-12'], NOVEMBER_ROWS);

  it('renders a panel per station and one for the district, with a title and the figures in the description', () => {
    const markup = render(createElement(ComplianceChart, { series: small, lang: 'en', width: 640, height: 360 }));
    expect(markup).toMatch(/width="640" height="360" viewBox="0 0 640 360"/);
    expect(title(markup)).toBe('Custody compliance by police station');
    expect(markup).toContain('All stations: 6 arrested, 3 produced within 24 h, 3 guardians informed in time');
    expect(texts(markup)).toEqual(expect.arrayContaining(['All stations (6)', 'QTA01 (4)', 'QTA02 (2)', 'Guardian informed within 2 h of arrest (A2)']));
    // Two series told apart without colour: a dashed line with open squares against a solid one with circles.
    expect(markup).toContain('stroke-dasharray="4 2.5"');
    expect(markup).toMatch(/<circle /);
    expect(markup).toMatch(/<rect [^>]*fill="#fff" stroke="#666"/);
  });

  it('in Urdu writes the words in Urdu, right to left, with time running from the right', () => {
    const markup = render(createElement(ComplianceChart, { series: small, lang: 'ur', width: 640, height: 360 }));
    expect(markup).toMatch(/<svg [^>]*lang="ur" direction="rtl"/);
    expect(title(markup)).toMatch(URDU);
    const urdu = [...markup.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].filter((m) => URDU.test(m[2]!));
    expect(urdu.length).toBeGreaterThan(3);
    for (const [, attributes] of urdu) expect(attributes).toContain('direction="rtl"');
    expect(texts(markup)).toContain('تمام تھانے (6)');
    // The first month's label sits to the right of the last month's in each bottom panel.
    const months = [...markup.matchAll(/<text x="([\d.]+)"[^>]*>(اکتوبر 26|دسمبر 26)<\/text>/g)].map((m) => ({ x: Number(m[1]), month: m[2] }));
    const october = months.find((m) => m.month === 'اکتوبر 26')!;
    const december = months.find((m) => m.month === 'دسمبر 26')!;
    expect(october.x).toBeGreaterThan(december.x);
  });

  it('draws forty stations over many months without overflowing its box', () => {
    const months = monthRange('2025-12', '2026-10');
    const district = series(months, generateDistrict({ cases: 6_000, seed: 3 }));
    expect(district.stations).toHaveLength(40);
    const markup = render(createElement(ComplianceChart, { series: district, lang: 'en', width: 1000, height: 1300 }));
    const xs = [...markup.matchAll(/ x="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
    const ys = [...markup.matchAll(/ y="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...xs, ...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1000);
    expect(Math.max(...ys)).toBeLessThanOrEqual(1300);
  });
});

describe('CategoryChart', () => {
  const counts = { in_conflict: 6, victim: 1, witness: 1, missing: 3, found: 1, at_risk: 0 };

  it('draws a labelled bar per category with its count', () => {
    const markup = render(createElement(CategoryChart, { counts, lang: 'en', width: 480, height: 240, subtitle: 'November 2026' }));
    expect(title(markup)).toBe('Children by category');
    expect(markup).toMatch(/<desc[^>]*>12 cases: Juvenile accused \(in conflict with the law\) 6, Child victim 1/);
    const t = texts(markup);
    expect(t).toEqual(expect.arrayContaining(['Child victim', 'Missing child', 'November 2026', '6', '3']));
    expect(markup).toMatch(/<pattern id="[^"]+"/);
  });

  it('in Urdu puts the category names in Urdu, on the right, and the bars grow leftwards', () => {
    const markup = render(createElement(CategoryChart, { counts, lang: 'ur', width: 480, height: 240 }));
    expect(title(markup)).toBe('بچے: قسم کے لحاظ سے');
    expect(texts(markup)).toEqual(expect.arrayContaining(['کم عمر ملزم', 'گمشدہ بچہ', 'خطرے سے دوچار بچہ']));
    const label = /<text x="([\d.]+)"[^>]*>کم عمر ملزم<\/text>/.exec(markup)!;
    expect(Number(label[1])).toBeGreaterThan(240);
    const bars = [...markup.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*fill="url/g)].map((m) => Number(m[1]) + Number(m[2]));
    // Every bar ends at the same right edge (the axis), beside the labels.
    expect(new Set(bars.map((x) => x.toFixed(1))).size).toBe(1);
  });

  it('draws an empty month without dividing by zero', () => {
    render(createElement(CategoryChart, { counts: {}, lang: 'en', width: 300, height: 200 }));
  });
});

describe('MissingRecoveredChart', () => {
  const points = [
    { month: '2026-09', reported: 14, recovered: 9, handedOver: 8 },
    { month: '2026-10', reported: 11, recovered: 7, handedOver: 7 },
    { month: '2026-11', reported: 3, recovered: 2, handedOver: 2 },
  ];

  it('draws reported (solid) and recovered (hatched) bars per month with a legend', () => {
    const markup = render(createElement(MissingRecoveredChart, { points, lang: 'en', width: 520, height: 260 }));
    expect(title(markup)).toBe('Missing children: reported and recovered');
    expect(markup).toContain('September 2026: 14 reported, 9 recovered');
    expect(texts(markup)).toEqual(expect.arrayContaining(['Missing children reported', 'Recovered in the month', 'Sep 26', 'Nov 26', '14', '9']));
    expect(markup.match(/<pattern /g)).toHaveLength(2);
  });

  it('in Urdu labels the months in Urdu and runs them from right to left', () => {
    const markup = render(createElement(MissingRecoveredChart, { points, lang: 'ur', width: 520, height: 260 }));
    expect(title(markup)).toMatch(URDU);
    const x = (label: string) => Number(new RegExp(`<text x="([\\d.]+)"[^>]*>${label}</text>`).exec(markup)![1]);
    expect(x('ستمبر 26')).toBeGreaterThan(x('نومبر 26'));
    expect(texts(markup)).toEqual(expect.arrayContaining(['گمشدہ بچوں کی رپورٹ', 'مہینے میں بازیاب']));
  });

  it('draws no months at all without failing', () => {
    render(createElement(MissingRecoveredChart, { points: [], lang: 'ur', width: 300, height: 200 }));
  });
});
