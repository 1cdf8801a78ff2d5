import { z } from 'zod';
import type { FoundWithSuggestions, MatchSide } from '../core/api.js';
import { AppError } from '../core/errors.js';
import { createMatchIndex, DEFAULT_MIN_SCORE, matchPersonOf, suggestAllFrom, type MatchDecision, type MatchIndex, type MatchPerson } from '../core/matching/match.js';
import type { SqliteDatabase } from '../store/database.js';
import { parseInput, requirePermission, type Session } from './session.js';

/**
 * Missing and found children across the district's stations: suggestions a person confirms or rejects. A
 * decided pair is never suggested again; confirmed pairs go to both stations in their next receipts.
 */


type Row = { id: string; caseNumber: string; stationCode: string; category: string; status: string; reportedAt: string; data: string };

const MATCHABLE = "category IN ('missing', 'found', 'at_risk')";
const ROW_COLUMNS = 'id, case_number AS caseNumber, station_code AS stationCode, category, status, reported_at AS reportedAt, data';

function requireDistrict(session: Session): void {
  if (session.register.info.kind !== 'district') throw new AppError('WRONG_REGISTER_KIND', '(needs a district register)');
}

/**
 * The open missing children indexed, and the found children, of one open district register. Built on the
 * first suggestion request and kept while the register is open (a suggestion after the first costs one
 * index query, not a rebuild of 20k children); after an import, only the cases the new bundles carried are
 * read again and put in or taken out of the index.
 */
type MatchState = {
  index: MatchIndex;
  found: Map<string, MatchPerson>;
  sides: Map<string, MatchSide>;
  /** The highest imported_bundles rowid already taken in. */
  bundleMark: number;
};

const states = new WeakMap<object, MatchState>();

function bundleMark(sqlite: SqliteDatabase): number {
  return (sqlite.prepare('SELECT COALESCE(MAX(rowid), 0) FROM imported_bundles').pluck().get() as number) ?? 0;
}

function takeIn(state: MatchState, row: Row): void {
  state.index.remove(row.id);
  state.found.delete(row.id);
  state.sides.delete(row.id);
  if (row.category !== 'missing' && row.category !== 'found' && row.category !== 'at_risk') return;
  const data = JSON.parse(row.data) as Parameters<typeof matchPersonOf>[0];
  const matched = matchPersonOf({ ...data, id: row.id, stationCode: row.stationCode, category: row.category, status: row.status, reportedAt: row.reportedAt } as Parameters<typeof matchPersonOf>[0]);
  if (!matched) return;
  if (matched.side === 'missing') state.index.add(matched.person);
  else state.found.set(row.id, matched.person);
  state.sides.set(row.id, { caseId: row.id, caseNumber: row.caseNumber, stationCode: row.stationCode, category: row.category });
}

/** The session's match state, brought up to date with any bundle imported since it was last used. */
export function matchState(session: Session): MatchState {
  const sqlite = session.register.db.sqlite;
  const mark = bundleMark(sqlite);
  let state = states.get(session.register);
  if (!state || mark < state.bundleMark) {
    state = { index: createMatchIndex(), found: new Map(), sides: new Map(), bundleMark: mark };
    for (const row of sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM cases WHERE ${MATCHABLE}`).iterate() as IterableIterator<Row>) takeIn(state, row);
    states.set(session.register, state);
    return state;
  }
  if (mark > state.bundleMark) {
    // The cases the new bundles carried (a case that left the matchable categories is taken out too).
    const changed = sqlite
      .prepare(`SELECT ${ROW_COLUMNS} FROM cases WHERE source_bundle_id IN (SELECT bundle_id FROM imported_bundles WHERE rowid > ?)`)
      .iterate(state.bundleMark) as IterableIterator<Row>;
    for (const row of changed) takeIn(state, row);
    state.bundleMark = mark;
  }
  return state;
}

function decisions(session: Session): MatchDecision[] {
  return session.register.db.sqlite.prepare('SELECT missing_case_id AS missingCaseId, found_case_id AS foundCaseId, decision FROM match_decisions').all() as MatchDecision[];
}

function decidedPairs(session: Session): Set<string> {
  return new Set(decisions(session).map((r) => `${r.missingCaseId}|${r.foundCaseId}`));
}

/**
 * Found children (all, or one) with the missing children they may be, best first. Decided pairs are left
 * out, and so are both children of a confirmed pair: they are one child, found, and suggested for no one else.
 */
export function matchSuggestions(session: Session, options: { foundCaseId?: string; limit?: number } = {}): FoundWithSuggestions[] {
  requireDistrict(session);
  requirePermission(session, 'case.read');
  const state = matchState(session);
  const limit = options.limit ?? 3;
  const wanted = options.foundCaseId === undefined ? state.found.values() : [state.found.get(options.foundCaseId)].filter((p): p is MatchPerson => p !== undefined);
  const results: FoundWithSuggestions[] = suggestAllFrom(state.index, wanted, { limit, minScore: DEFAULT_MIN_SCORE, decisions: decisions(session) }).map(({ caseId, suggestions }) => ({
    found: state.sides.get(caseId)!,
    suggestions: suggestions.map((s) => ({ ...state.sides.get(s.caseId)!, score: Math.round(s.score * 100) / 100, reasons: s.reasons })),
  }));
  return results.sort((a, b) => b.suggestions[0]!.score - a.suggestions[0]!.score);
}

export const decisionSchema = z.object({
  missingCaseId: z.string().min(1).max(64),
  foundCaseId: z.string().min(1).max(64),
  decision: z.enum(['confirmed', 'rejected']),
  score: z.number().min(0).max(1).optional(),
});

/** Records a person's decision once; asking again for a decided pair is refused. */
export function decideMatch(session: Session, input: unknown): { decision: 'confirmed' | 'rejected' } {
  requireDistrict(session);
  requirePermission(session, 'district.annotate');
  const parsed = parseInput(decisionSchema, input, 'decision');
  const { decision, score } = parsed;
  const { register } = session;
  // Case numbers or record ids, as a person or the UI gives them.
  const resolve = register.db.sqlite.prepare("SELECT id FROM cases WHERE (id = ? OR case_number = ?) AND category IN ('missing', 'found', 'at_risk')").pluck();
  const missingCaseId = resolve.get(parsed.missingCaseId, parsed.missingCaseId) as string | undefined;
  const foundCaseId = resolve.get(parsed.foundCaseId, parsed.foundCaseId) as string | undefined;
  if (!missingCaseId || !foundCaseId) throw new AppError('NOT_FOUND', '(both cases must be missing, found or at-risk children of this district)');
  if (decidedPairs(session).has(`${missingCaseId}|${foundCaseId}`)) throw new AppError('STALE_REVISION', '(this pair was already decided)');
  const at = register.clock().toISOString();
  register.db.sqlite.transaction(() => {
    register.db.sqlite
      .prepare('INSERT INTO match_decisions (missing_case_id, found_case_id, decision, score, decided_at, decided_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(missingCaseId, foundCaseId, decision, Math.round((score ?? 0) * 100), at, session.user.id);
    register.audit.append({ action: 'match.decide', actorId: session.user.id, entityType: 'case', entityId: foundCaseId, details: { missingCaseId, decision }, at });
  })();
  return { decision };
}
