import { createMatchIndex, suggestAll } from '../../src/core/matching/match.js';
import { nameSimilarity } from '../../src/core/matching/names.js';
import { generateMatchingSet } from '../support/generate-matching-set.js';
import { median, percentile, type Bench, type BenchFigure } from './harness.js';

const OPEN_MISSING = 20_000;
const REMATCH_FOUND = 2_000;
const QUERIES = 200;
const SCAN_QUERIES = 20;

async function run(): Promise<BenchFigure[]> {
  const set = generateMatchingSet({ missing: OPEN_MISSING, found: REMATCH_FOUND, partnered: 1_300, seed: 2024 });
  const queries = set.found.slice(0, QUERIES);

  let start = performance.now();
  const index = createMatchIndex(set.missing);
  const build = performance.now() - start;

  let sink = 0;
  for (const f of set.found.slice(QUERIES, QUERIES + 20)) sink += index.suggest(f).length; // warm up
  const suggestTimes = queries.map((f) => {
    const t0 = performance.now();
    sink += index.suggest(f).length;
    return performance.now() - t0;
  });

  // Baseline: a plain linear scan, the exported nameSimilarity of the found child's name against every missing name.
  const scanTimes = queries.slice(0, SCAN_QUERIES).map((f) => {
    const t0 = performance.now();
    for (const m of set.missing) if (f.name && m.name) sink += nameSimilarity(f.name, m.name);
    return performance.now() - t0;
  });

  start = performance.now();
  const rematched = suggestAll(set.found, set.missing);
  const rematch = performance.now() - start;
  sink += rematched.length;

  // Baseline: the least any rematch must do, compare every found child's gender with every missing child's.
  start = performance.now();
  for (const f of set.found) for (const m of set.missing) if (f.gender === m.gender) sink++;
  const genderLoop = performance.now() - start;
  if (sink === 0) throw new Error('nothing was matched');

  const suggestMedian = median(suggestTimes);
  const suggestP95 = percentile(suggestTimes, 95);
  const scanMedian = median(scanTimes);
  return [
    { name: `index ${OPEN_MISSING.toLocaleString('en-US')} open missing children`, value: build, unit: 'ms' },
    {
      name: `suggest() for one found child vs ${OPEN_MISSING.toLocaleString('en-US')} open missing, median of ${QUERIES}`,
      value: suggestMedian,
      unit: 'ms',
      goal: '< 200 ms',
      met: suggestMedian < 200,
      ratio: { against: `a plain linear scan of nameSimilarity over all ${OPEN_MISSING.toLocaleString('en-US')} names (${scanMedian.toFixed(1)} ms, median of ${SCAN_QUERIES})`, value: suggestMedian / scanMedian },
    },
    {
      name: `suggest() p95 of ${QUERIES}`,
      value: suggestP95,
      unit: 'ms',
      goal: '< 200 ms',
      met: suggestP95 < 200,
      ratio: { against: 'the same linear scan', value: suggestP95 / scanMedian },
    },
    {
      name: `rematch ${REMATCH_FOUND.toLocaleString('en-US')} found vs ${OPEN_MISSING.toLocaleString('en-US')} missing (suggestAll, index included)`,
      value: rematch / 1000,
      unit: 's',
      goal: '< 10 s',
      met: rematch < 10_000,
      ratio: { against: `a loop that only compares genders of every pair (${genderLoop.toFixed(0)} ms)`, value: rematch / genderLoop },
      note: `${rematched.length} found children with suggestions`,
    },
  ];
}

export const bench: Bench = { name: 'missing/found matching', run };
