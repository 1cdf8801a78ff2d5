import { describe, expect, it } from 'vitest';
import { createMatchIndex, DEFAULT_MIN_SCORE } from '../../../src/core/matching/match.js';
import { generateMatchingSet, type FoundKind, type MatchingSet } from '../../support/generate-matching-set.js';

/**
 * Top-1 precision and recall of the suggestions on the generated evaluation set, at DEFAULT_MIN_SCORE.
 * - recalled: a found child with a true partner whose top suggestion above the threshold is that partner;
 * - false positive: a top suggestion above the threshold that is not the found child's partner (a found
 *   child with no partner that gets any suggestion, or one whose top suggestion is someone else).
 * The threshold was tuned on seed 7; seed 11 is held out and must hold up as well.
 */
type Figures = {
  seed: number;
  missing: number;
  found: number;
  withPartner: number;
  recalled: number;
  falsePositives: number;
  recall: number;
  precision: number;
  /** Partners never scored because the index did not offer them as candidates. */
  notInCandidates: number;
  falsePositivesByKind: Partial<Record<FoundKind, number>>;
};

function evaluate(set: MatchingSet, seed: number): Figures {
  const index = createMatchIndex(set.missing);
  let recalled = 0;
  let falsePositives = 0;
  let notInCandidates = 0;
  const falsePositivesByKind: Partial<Record<FoundKind, number>> = {};
  for (const found of set.found) {
    const partner = set.truth.get(found.caseId);
    const [top] = index.suggest(found, { limit: 1, minScore: DEFAULT_MIN_SCORE });
    if (partner && !index.suggest(found, { limit: 10_000, minScore: 0 }).some((s) => s.caseId === partner)) notInCandidates++;
    if (!top) continue;
    if (top.caseId === partner) recalled++;
    else {
      falsePositives++;
      const kind = set.kind.get(found.caseId)!;
      falsePositivesByKind[kind] = (falsePositivesByKind[kind] ?? 0) + 1;
    }
  }
  return {
    seed,
    missing: set.missing.length,
    found: set.found.length,
    withPartner: set.truth.size,
    recalled,
    falsePositives,
    recall: recalled / set.truth.size,
    precision: recalled / (recalled + falsePositives),
    notInCandidates,
    falsePositivesByKind,
  };
}

function report(label: string, f: Figures): void {
  console.log(
    `[matching evaluation, ${label}] seed ${f.seed}: ${f.missing} missing, ${f.found} found (${f.withPartner} with a true partner); ` +
      `threshold ${DEFAULT_MIN_SCORE}: top-1 recall ${f.recall.toFixed(3)} (${f.recalled}/${f.withPartner}), ` +
      `precision ${f.precision.toFixed(3)} (${f.recalled}/${f.recalled + f.falsePositives}); ` +
      `false positives by kind ${JSON.stringify(f.falsePositivesByKind)}; partners the index did not offer: ${f.notInCandidates}`,
  );
}

describe('matching evaluation (generated set with known pairs)', () => {
  it('generates the same set from the same seed', () => {
    const a = generateMatchingSet({ missing: 200, found: 60, seed: 3 });
    const b = generateMatchingSet({ missing: 200, found: 60, seed: 3 });
    expect(JSON.stringify(a.found)).toBe(JSON.stringify(b.found));
    expect([...a.truth]).toEqual([...b.truth]);
    expect(a.missing).toHaveLength(200);
    expect(a.found).toHaveLength(60);
    expect(a.truth.size).toBe(40);
  });

  it('finds the true partner first with recall >= 0.9 and precision >= 0.8 (tuning seed)', () => {
    const figures = evaluate(generateMatchingSet({ missing: 2000, found: 600, partnered: 400, seed: 7 }), 7);
    report('tuning set', figures);
    expect(figures.withPartner).toBe(400);
    expect(figures.recall).toBeGreaterThanOrEqual(0.9);
    expect(figures.precision).toBeGreaterThanOrEqual(0.8);
  });

  it('holds up on a held-out seed', () => {
    const figures = evaluate(generateMatchingSet({ missing: 2000, found: 600, partnered: 400, seed: 11 }), 11);
    report('held-out set', figures);
    expect(figures.recall).toBeGreaterThanOrEqual(0.9);
    expect(figures.precision).toBeGreaterThanOrEqual(0.8);
  });

  it('never suggests a child found before the disappearance began', () => {
    const set = generateMatchingSet({ missing: 2000, found: 600, partnered: 400, seed: 7 });
    const index = createMatchIndex(set.missing);
    const lostAt = new Map(set.missing.map((m) => [m.caseId, Date.parse(m.at)]));
    for (const found of set.found) {
      for (const s of index.suggest(found, { minScore: 0, limit: 50 })) {
        expect(Date.parse(found.at)).toBeGreaterThanOrEqual(lostAt.get(s.caseId)! - 24 * 3600_000);
      }
    }
  });
});
