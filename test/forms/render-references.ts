/**
 * Regenerates the reference images test/forms/reference/<form>-<lang>-<page>.png (every page at 50 dpi) from
 * the fixture cases: `node --import tsx test/forms/render-references.ts [--dpi N] [--out DIR]`. Look at them
 * before committing: they are what the form tests compare new renders against. --keep-pdf DIR keeps the PDFs.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FormPrinter } from '../../src/forms/pdf.js';
import { FORM_LANGS, FORM_NAMES } from '../../src/forms/types.js';
import { printForms } from '../../src/services/forms.js';
import { newStation, tempDir } from '../support/register.js';
import { createFixtures, FORM_CASE } from './fixtures.js';

const { values } = parseArgs({ options: { dpi: { type: 'string', default: '50' }, out: { type: 'string' }, 'keep-pdf': { type: 'string' } } });
const outDir = values.out ?? fileURLToPath(new URL('./reference', import.meta.url));
mkdirSync(outDir, { recursive: true });
// A form that now takes fewer pages must not leave an old page's image behind.
for (const file of readdirSync(outDir)) if (file.endsWith('.png')) rmSync(join(outDir, file));
const { dir, cleanup } = tempDir();
const { session } = await newStation(dir);
const printer = await FormPrinter.launch();
try {
  const cases = createFixtures(session);
  for (const form of FORM_NAMES) {
    for (const lang of FORM_LANGS) {
      const pdf = join(dir, `${form}-${lang}.pdf`);
      const [printed] = await printForms(session, [{ request: { caseId: cases[FORM_CASE[form]], form, lang, referral: form === 'referral' ? 1 : undefined }, out: pdf }], { printer, checkLayout: true });
      const prefix = join(dir, `${form}-${lang}`);
      for (let page = 1; page <= printed!.pages; page++) {
        execFileSync('pdftoppm', ['-r', values.dpi!, '-f', String(page), '-l', String(page), '-singlefile', '-png', pdf, prefix]);
        renameSync(`${prefix}.png`, join(outDir, `${form}-${lang}-${page}.png`));
      }
      if (values['keep-pdf']) copyFileSync(pdf, join(values['keep-pdf'], `${form}-${lang}.pdf`));
      const problems = printed!.layout ?? [];
      console.log(`${form}-${lang}: ${printed!.pages} page(s)${problems.length ? `, ${problems.length} layout problem(s): ${JSON.stringify(problems.slice(0, 3))}` : ''}`);
    }
  }
} finally {
  await printer.close();
  session.register.close();
  cleanup();
}
