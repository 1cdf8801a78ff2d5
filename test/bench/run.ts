/**
 * `npm run bench [name-filter]`: runs every test/bench/*.bench.ts and prints its figures with the goal and
 * the same-run baseline ratio. Exit code is 0 even when a goal is missed: benches inform, tests decide.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchFigure } from './harness.js';

const folder = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];

function format(figure: BenchFigure): string {
  const value = figure.unit === 'rows/s' ? Math.round(figure.value).toLocaleString('en-US') : figure.value.toFixed(figure.value < 10 ? 2 : 1);
  const goal = figure.goal ? `  goal ${figure.goal}: ${figure.met ? 'met' : 'NOT met'}` : '';
  const ratio = figure.ratio ? `  ratio ${figure.ratio.value.toFixed(2)} vs ${figure.ratio.against}` : '';
  const note = figure.note ? `  (${figure.note})` : '';
  return `  ${figure.name}: ${value} ${figure.unit}${goal}${ratio}${note}`;
}

const files = readdirSync(folder).filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter))).sort();
for (const file of files) {
  const { bench } = (await import(new URL(file, import.meta.url).href)) as { bench: Bench };
  console.log(`\n${bench.name} (${file})`);
  for (const figure of await bench.run()) console.log(format(figure));
}
