/**
 * A bench reports figures, each measured against a baseline taken in the same run (machines are noisy, so a
 * ratio says more than a time). `npm run bench` runs every bench in test/bench/*.bench.ts.
 */
export type BenchFigure = {
  name: string;
  value: number;
  unit: 'ms' | 'rows/s' | 'MB' | 's' | 'ratio';
  /** What the issue asks for, e.g. "< 20 ms". */
  goal?: string;
  met?: boolean;
  /** value divided by the baseline, with the baseline named. */
  ratio?: { against: string; value: number };
  note?: string;
};

export type Bench = { name: string; run: () => Promise<BenchFigure[]> };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times fn `repeats` times and returns each duration in ms. */
export function timeRepeated(repeats: number, fn: () => void): number[] {
  const durations: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    durations.push(performance.now() - start);
  }
  return durations;
}
