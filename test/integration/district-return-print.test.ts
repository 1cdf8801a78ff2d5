import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComplianceSeries, createMonthlyReturn, monthRange } from '../../src/core/returns/index.js';
import { embeddedFontCss } from '../../src/forms/font-loader.js';
import { CHROMIUM_ARGS, findChromium, PRINTABLE_WIDTH_PX } from '../../src/forms/pdf.js';
import { renderReturnDocument } from '../../src/forms/return-document.js';
import { NOVEMBER_ROWS } from '../unit/returns/fixture.js';

/** A4 landscape with 12 mm margins, in CSS px: the height of one printed page's content box. */
const PAGE_HEIGHT_PX = ((210 - 24) / 25.4) * 96;

function returnHtml(lang: 'en' | 'ur'): string {
  const builder = createMonthlyReturn({ district: 'Quetta', month: '2026-11' });
  const series = createComplianceSeries({ months: monthRange('2025-12', '2026-11') });
  for (const row of NOVEMBER_ROWS) {
    builder.add(row);
    series.add(row);
  }
  return renderReturnDocument({ result: builder.result(), series: series.result(), lang, printedBy: 'CPU officer', printedAt: '21/11/2026 11:00' }, { fontCss: embeddedFontCss() });
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('the printed monthly return', () => {
  for (const lang of ['en', 'ur'] as const) {
    it(`starts its charts on page 1 under the title (${lang}), never leaving the title alone on it`, async () => {
      const page = await browser.newPage({ viewport: { width: Math.floor(PRINTABLE_WIDTH_PX), height: 1100 } });
      try {
        await page.emulateMedia({ media: 'print' });
        await page.setContent(returnHtml(lang), { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready.then(() => true)');
        // Every block the print keeps whole must fit on a page, and the first one must fit under the header.
        const blocks = (await page.evaluate(`[...document.querySelectorAll('.chart-row')].map((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; })`)) as Array<{ top: number; bottom: number }>;
        expect(blocks.length).toBeGreaterThan(0);
        for (const block of blocks) expect(block.bottom - block.top).toBeLessThan(PAGE_HEIGHT_PX);
        expect(blocks[0]!.bottom).toBeLessThan(PAGE_HEIGHT_PX);
        const avoid = (await page.evaluate(`getComputedStyle(document.querySelector('.charts')).breakInside`)) as string;
        expect(avoid).not.toBe('avoid');
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
