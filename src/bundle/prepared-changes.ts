import { districtCaseSchema, districtSearchText } from '../core/district-view.js';
import { BundleError, type OpenedBundle } from './bundle-file.js';
import type { CaseChange } from './format.js';

/**
 * A station case checked against the district's case model and turned into the column values of its row,
 * search text included: everything the district import does to a case before it writes. Done off the
 * writing thread (change-reader.ts), so checking and writing overlap.
 */
export type PreparedCase = {
  id: string;
  caseNumber: string;
  stationCode: string;
  category: string;
  status: string;
  reportedAt: string;
  revision: number;
  /** The district view with the station's checklist completions, as stored. */
  data: string;
  searchText: string;
  createdAt: string;
  editedAt: string;
  editedBy: string;
  rulePackVersion: string | null;
};

/**
 * The lines of one bundle in the order they come, a few hundred at a time. Audit entries are kept at the
 * district as the JSON of the checked entry, so they travel as that text (cheaper to pass between threads).
 */
export type PreparedBatch = { cases: PreparedCase[]; audits: string[] };

/** One case line of a bundle signed by `stationCode`; a case of another station or off the model is refused. */
export function prepareCase(change: CaseChange, stationCode: string): PreparedCase {
  if (change.owningStation !== stationCode) throw new BundleError('payload-mismatch', 'a case belongs to another station');
  const parsed = districtCaseSchema.safeParse(change.data);
  if (!parsed.success) throw new BundleError('payload-mismatch', `case ${change.caseNumber} does not match the case model`);
  const data = parsed.data;
  return {
    id: change.recordId,
    caseNumber: change.caseNumber,
    stationCode: change.owningStation,
    category: data.category,
    status: data.status,
    reportedAt: data.reportedAt,
    revision: change.revision,
    data: JSON.stringify({ ...data, completions: change.completions }),
    searchText: districtSearchText(change.caseNumber, data),
    createdAt: change.createdAt,
    editedAt: change.editedAt,
    editedBy: change.editedBy,
    rulePackVersion: change.rulePackVersion,
  };
}

const BATCH_LINES = 500;

/** A verified bundle's lines, prepared, a batch at a time (the last one may be empty). */
export async function* preparedBatches(opened: OpenedBundle): AsyncGenerator<PreparedBatch> {
  const station = opened.manifest.station.code;
  let batch: PreparedBatch = { cases: [], audits: [] };
  for await (const line of opened.lines()) {
    if (line.type === 'audit') batch.audits.push(JSON.stringify(line));
    else batch.cases.push(prepareCase(line, station));
    if (batch.cases.length + batch.audits.length >= BATCH_LINES) {
      yield batch;
      batch = { cases: [], audits: [] };
    }
  }
  yield batch;
}
