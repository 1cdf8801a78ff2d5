import { join } from 'node:path';
import { FormPrinter } from '../../src/forms/pdf.js';
import { createCases } from '../../src/services/cases.js';
import { printForms } from '../../src/services/forms.js';
import { createFixtures } from '../forms/fixtures.js';
import { juvenileCase, newStation, tempDir } from '../support/register.js';
import { median, type Bench, type BenchFigure } from './harness.js';

const WARM_REPEATS = 9;
const BATCH = 40;

const BLANK_A4 = '<!DOCTYPE html><html><head><style>@page { size: A4; margin: 12mm; }</style></head><body><p>.</p></body></html>';

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function run(): Promise<BenchFigure[]> {
  const { dir, cleanup } = tempDir();
  const { session } = await newStation(dir);
  const launchStart = performance.now();
  const printer = await FormPrinter.launch();
  const launch = performance.now() - launchStart;
  try {
    const { juvenile } = createFixtures(session);
    const batch = createCases(session, Array.from({ length: BATCH }, (_, i) => juvenileCase({ child: { name: `Bench child ${i}`, gender: 'male', claimedAge: 14 } })));

    // Baseline: a blank A4 page through the same warm browser (what any print costs at least).
    await printer.print(BLANK_A4);
    const blankTimes: number[] = [];
    for (let i = 0; i < WARM_REPEATS; i++) blankTimes.push(await timed(() => printer.print(BLANK_A4)));
    const blank = median(blankTimes);

    // One form, warm: the intake (the longest) in English, and the guardian notice in Urdu.
    const one = async (form: 'intake' | 'guardian-notice', lang: 'en' | 'ur') => {
      const job = [{ request: { caseId: juvenile, form, lang }, out: join(dir, `${form}-${lang}.pdf`) }];
      await printForms(session, job, { printer });
      const times: number[] = [];
      for (let i = 0; i < WARM_REPEATS; i++) times.push(await timed(() => printForms(session, job, { printer })));
      return median(times);
    };
    const intake = await one('intake', 'en');
    const notice = await one('guardian-notice', 'ur');

    // A batch: 40 cases, intake form, one warm browser, files written and audited.
    const jobs = batch.map((c) => ({ request: { caseId: c.id, form: 'intake' as const, lang: 'en' as const }, out: join(dir, 'batch', `${c.caseNumber}.pdf`) }));
    const batchMs = await timed(() => printForms(session, jobs, { printer }));

    return [
      { name: 'start Chromium (once per batch)', value: launch, unit: 'ms', note: 'not counted in the figures below' },
      { name: `intake form to PDF, warm browser (median of ${WARM_REPEATS})`, value: intake, unit: 'ms', goal: '< 1000 ms', met: intake < 1000, ratio: { against: `a blank A4 page in the same browser (${blank.toFixed(0)} ms)`, value: intake / blank } },
      { name: `guardian notice in Urdu to PDF, warm browser (median of ${WARM_REPEATS})`, value: notice, unit: 'ms', goal: '< 1000 ms', met: notice < 1000, ratio: { against: `a blank A4 page in the same browser (${blank.toFixed(0)} ms)`, value: notice / blank } },
      { name: `batch print: intake for ${BATCH} cases`, value: batchMs / 1000, unit: 's', goal: '< 15 s', met: batchMs < 15_000, ratio: { against: `${BATCH} blank A4 pages (${((blank * BATCH) / 1000).toFixed(1)} s)`, value: batchMs / (blank * BATCH) } },
    ];
  } finally {
    await printer.close();
    session.register.close();
    cleanup();
  }
}

export const bench: Bench = { name: 'printing forms', run };
