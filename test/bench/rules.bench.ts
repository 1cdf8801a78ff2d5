import { evaluate } from '../../src/core/checklist/evaluate.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { generateCases } from '../support/generate-cases.js';
import { median, timeRepeated, type Bench, type BenchFigure } from './harness.js';

const OPEN_CASES = 10_000;

async function run(): Promise<BenchFigure[]> {
  const cases = generateCases(OPEN_CASES, 31);
  const now = new Date('2026-11-24T06:00:00Z');
  let sink = 0;
  // Baseline: the least any checklist pass must do, touch each case and read a time.
  const baseline = median(timeRepeated(15, () => {
    for (const c of cases) sink += c.custody?.arrestedAt ? Date.parse(c.custody.arrestedAt) : 0;
  }));
  const times = timeRepeated(15, () => {
    for (const c of cases) sink += evaluate({ case: c, completions: [] }, now, DEFAULT_SETTINGS).obligations.length;
  });
  const evaluation = median(times);
  if (sink === 0) throw new Error('nothing was evaluated');
  return [
    {
      name: `evaluate the checklist of ${OPEN_CASES.toLocaleString()} open cases (median of 15)`,
      value: evaluation,
      unit: 'ms',
      goal: '< 100 ms',
      met: evaluation < 100,
      ratio: { against: `reading each case's arrest time (${baseline.toFixed(2)} ms)`, value: evaluation / baseline },
    },
  ];
}

export const bench: Bench = { name: 'rule pack', run };
