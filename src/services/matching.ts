import { z } from 'zod';
import type { FoundWithSuggestions, MatchSide } from '../core/api.js';
import { AppError } from '../core/errors.js';
import { createMatchIndex, DEFAULT_MIN_SCORE, matchPersonOf, type MatchPerson } from '../core/matching/match.js';
import { parseInput, requirePermission, type Session } from './session.js';

/**
 * Missing and found children across the district's stations: suggestions a person confirms or rejects. A
 * decided pair is never suggested again; confirmed pairs go to both stations in their next receipts.
 */


type Row = { id: string; caseNumber: string; stationCode: string; category: string; status: string; reportedAt: string; data: string };

function requireDistrict(session: Session): void {
  if (session.register.info.kind !== 'district') throw new AppError('WRONG_REGISTER_KIND', '(needs a district register)');
}

/** The district's missing, found and at-risk children as match people, on their side. */
function matchablePeople(session: Session): { missing: MatchPerson[]; found: MatchPerson[]; sides: Map<string, MatchSide> } {
  const rows = session.register.db.sqlite
    .prepare(
      `SELECT id, case_number AS caseNumber, station_code AS stationCode, category, status, reported_at AS reportedAt, data
       FROM cases WHERE category IN ('missing', 'found', 'at_risk')`,
    )
    .all() as Row[];
  const missing: MatchPerson[] = [];
  const found: MatchPerson[] = [];
  const sides = new Map<string, MatchSide>();
  for (const row of rows) {
    const data = JSON.parse(row.data) as Parameters<typeof matchPersonOf>[0];
    const matched = matchPersonOf({ ...data, id: row.id, stationCode: row.stationCode, category: row.category, status: row.status, reportedAt: row.reportedAt } as Parameters<typeof matchPersonOf>[0]);
    if (!matched) continue;
    (matched.side === 'missing' ? missing : found).push(matched.person);
    sides.set(row.id, { caseId: row.id, caseNumber: row.caseNumber, stationCode: row.stationCode, category: row.category });
  }
  return { missing, found, sides };
}

function decidedPairs(session: Session): Set<string> {
  const rows = session.register.db.sqlite.prepare('SELECT missing_case_id AS m, found_case_id AS f FROM match_decisions').all() as Array<{ m: string; f: string }>;
  return new Set(rows.map((r) => `${r.m}|${r.f}`));
}

/** Found children (all, or one) with the missing children they may be, best first, decided pairs left out. */
export function matchSuggestions(session: Session, options: { foundCaseId?: string; limit?: number } = {}): FoundWithSuggestions[] {
  requireDistrict(session);
  requirePermission(session, 'case.read');
  const { missing, found, sides } = matchablePeople(session);
  const index = createMatchIndex(missing);
  const decided = decidedPairs(session);
  const limit = options.limit ?? 3;
  const results: FoundWithSuggestions[] = [];
  for (const person of found) {
    if (options.foundCaseId && person.caseId !== options.foundCaseId) continue;
    const suggestions = index
      .suggest(person, { limit: limit + 5, minScore: DEFAULT_MIN_SCORE })
      .filter((s) => !decided.has(`${s.caseId}|${person.caseId}`) && s.caseId !== person.caseId)
      .slice(0, limit)
      .map((s) => ({ ...sides.get(s.caseId)!, score: Math.round(s.score * 100) / 100, reasons: s.reasons }));
    if (suggestions.length > 0) results.push({ found: sides.get(person.caseId)!, suggestions });
  }
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
