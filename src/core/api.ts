import { z } from 'zod';
import { caseInputSchema, CASE_CATEGORIES, CASE_STATUSES, type CaseRecord, type CaseSummary } from './case-model.js';
import type { Role } from './roles.js';
import { ROLES } from './roles.js';
import type { Bilingual, RuleStatus } from './checklist/rules.js';
import type { Evaluation, ObligationState } from './checklist/evaluate.js';
import { settingsChangeSchema, type StationSettings } from './settings.js';
import type { ComplianceSeries, MonthlyReturn } from './returns/types.js';
import type { User } from './users.js';
import type { BundleReport } from './bundle-outcomes.js';
import { FILE_HANDLE_PATTERN, FILE_PURPOSE_NAMES, type PickedFile, type SaveTarget } from './files.js';
import { usernameSchema } from './users.js';

/**
 * The API contract: each method's input schema and output type. The Electron main process (IPC), the dev
 * server (HTTP) and the renderer's client all use this one table, so there is one way in to every service.
 */

type Method<I extends z.ZodType, O> = { input: I; output?: O };
const method = <O>() => <I extends z.ZodType>(input: I): Method<I, O> => ({ input });

export type SessionInfo =
  | { state: 'no_register' }
  | { state: 'locked' }
  | {
      state: 'unlocked';
      user: Pick<User, 'username' | 'displayName' | 'role'>;
      register: { kind: 'station' | 'district'; stationCode: string | null; stationName: string | null; district: string };
    };

export type CaseListItem = CaseSummary;

export type MatchSide = { caseId: string; caseNumber: string; stationCode: string; category: string };
export type MatchSuggestion = MatchSide & { score: number; reasons: Array<{ factor: string; en: string; ur: string; weight: number }> };
export type FoundWithSuggestions = { found: MatchSide; suggestions: MatchSuggestion[] };
export type MonthlyReport = { result: MonthlyReturn; series: ComplianceSeries };

export type DistrictMessage = { id: string; kind: 'follow_up' | 'referral_outcome' | 'match'; text: string; otherStation?: string; otherCaseNumber?: string; at: string };
/** Where the district's copy of a case came from: its station, the bundle that last carried it and when. */
export type CaseProvenance = { stationCode: string; bundleId: string; sequence: number | null; importedAt: string | null };
export type DistrictNote = { id: string; caseId: string; kind: 'follow_up' | 'referral_outcome'; text: string; createdAt: string; createdBy: string; sent: boolean };
export type StationStatus = {
  stationCode: string;
  stationName: string | null;
  keyStatus: 'active' | 'rotated' | 'revoked';
  lastBundle: { sequence: number; importedAt: string } | null;
  daysSilent: number | null;
  gaps: Array<{ from: number; to: number }>;
  quarantined: Array<{ sequence: number; code: string; importedAt: string }>;
  cases: number;
  /** What needs doing, most important first; empty when all is well. */
  advice: Array<{ code: 'never_reported' | 'silent' | 'gap' | 'quarantined' | 'revoked'; en: string; ur: string }>;
};

export type BundleStatus = {
  stationKey: { keyId: string; fingerprint: string };
  district: { name: string; fingerprint: string } | null;
  lastExport: { sequence: number; createdAt: string; cases: number } | null;
  lastReceipt: { throughSequence: number; issuedAt: string; importedAt: string } | null;
};
export type ExportSummary = { path: string; bundleId: string; sequence: number; cases: number; auditEntries: number; bytes: number };


/** One line of the station's "due now" board: no names, it may be on a screen others see. */
export type DueItem = {
  caseId: string;
  caseNumber: string;
  category: CaseSummary['category'];
  ruleId: string;
  title: Bilingual;
  status: RuleStatus;
  basis: string;
  state: ObligationState;
  dueAt: string | null;
};

const passphrase = z.string().min(1, 'must not be empty').max(1024);

/** A file the officer picked or a save target, as a handle (src/core/files.ts); never a path from the page. */
const fileHandle = z.string().regex(FILE_HANDLE_PATTERN, 'is not a file handle (pick the file again)');
const jobId = z.string().regex(/^j_[A-Za-z0-9_-]{16}$/, 'is not a job id');
/**
 * A small file the officer picked (key file, receipt): its name and its text, read in the page; or, the file
 * door's way, its handle (`{ file }`), which the services read themselves.
 */
const pickedFile = z.union([z.object({ name: z.string().max(255), content: z.string().max(256 * 1024) }), z.object({ file: fileHandle })]);

/**
 * A long task (TEAM contract 3). `progress.step` of `progress.of` is where it is (file 3 of 50), `done` how much
 * work is done in the unit the job names (cases so far), `detail` what it is working on (a file name).
 */
export type JobProgress = { step: number; of: number; done: number; detail?: string };
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';
export type JobStatus = {
  jobId: string;
  kind: string;
  state: JobState;
  progress: JobProgress;
  startedAt: string;
  finishedAt?: string;
  /** Cancel was asked and the job is rolling back what it had in flight; the state turns to `cancelled` when it has. */
  cancelRequested?: boolean;
  /** Done: the job's answer. Cancelled: what it finished before it stopped, where the job has such a thing. */
  result?: unknown;
  error?: Extract<ApiResponse<unknown>, { ok: false }>['error'];
};
/** The result of `district.import`: one report per file, in the order given. */
export type DistrictImportResult = { reports: BundleReport[] };

export const apiContract = {
  'session.status': method<SessionInfo>()(z.object({})),
  'session.setupStation': method<{ recoveryKey: string; session: SessionInfo }>()(
    z.object({
      stationCode: z.string(),
      stationName: z.string(),
      district: z.string(),
      username: z.string(),
      displayName: z.string().optional(),
      passphrase,
    }),
  ),
  'session.setupDistrict': method<{ recoveryKey: string; session: SessionInfo }>()(
    z.object({ district: z.string(), username: z.string(), displayName: z.string().optional(), passphrase }),
  ),
  'session.login': method<SessionInfo>()(z.object({ username: z.string().min(1).max(64), passphrase })),
  'session.lock': method<SessionInfo>()(z.object({})),
  'case.create': method<{ id: string; caseNumber: string }>()(caseInputSchema),
  'case.get': method<CaseRecord>()(z.object({ id: z.string().min(1).max(64) })),
  'case.update': method<CaseRecord>()(
    z.object({ id: z.string().min(1).max(64), patch: z.record(z.string(), z.unknown()), expectedRevision: z.number().int().optional() }),
  ),
  'case.list': method<CaseListItem[]>()(
    z.object({
      search: z.string().max(100).optional(),
      category: z.enum(CASE_CATEGORIES).optional(),
      status: z.enum(CASE_STATUSES).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      afterRowId: z.number().int().optional(),
      overdue: z.boolean().optional(),
    }),
  ),
  'user.list': method<Array<Pick<User, 'username' | 'displayName' | 'role' | 'removedAt'>>>()(z.object({})),
  'user.add': method<{ username: string; role: Role }>()(
    z.object({ username: usernameSchema, displayName: z.string().max(80).optional(), role: z.enum(ROLES), passphrase }),
  ),
  'user.setPassphrase': method<{ ok: true }>()(z.object({ username: usernameSchema, passphrase })),
  'user.remove': method<{ ok: true }>()(z.object({ username: usernameSchema })),
  'case.checklist': method<Evaluation & { caseId: string }>()(z.object({ id: z.string().min(1).max(64) })),
  'checklist.complete': method<Evaluation & { caseId: string }>()(
    z.object({ caseId: z.string().min(1).max(64), ruleId: z.string().min(1).max(8), doneAt: z.string().optional(), evidence: z.record(z.string(), z.unknown()) }),
  ),
  'due.list': method<DueItem[]>()(z.object({ withinHours: z.number().min(0).max(744).optional() })),
  'settings.get': method<StationSettings>()(z.object({})),
  'settings.set': method<StationSettings>()(settingsChangeSchema),
  'bundle.status': method<BundleStatus>()(z.object({})),
  /** A printable form as one HTML document: `preview` is unsigned and not audited; otherwise signed and audited. `referral` (from 1) picks the letter when a case has several. */
  'form.html': method<{ html: string }>()(
    z.object({ caseId: z.string().min(1).max(64), form: z.string().min(1).max(40), lang: z.enum(['en', 'ur', 'both']), layout: z.enum(['stacked', 'side']).optional(), referral: z.number().int().min(1).max(50).optional(), preview: z.boolean() }),
  ),
  'case.messages': method<DistrictMessage[]>()(z.object({ id: z.string().min(1).max(64) })),
  'district.status': method<StationStatus[]>()(z.object({ silentDays: z.number().int().min(1).max(365).optional() })),
  'district.notes': method<DistrictNote[]>()(z.object({ caseId: z.string().min(1).max(64) })),
  'district.provenance': method<{ provenance: CaseProvenance | null }>()(z.object({ caseId: z.string().min(1).max(64) })),
  'match.suggestions': method<FoundWithSuggestions[]>()(z.object({})),
  'match.decide': method<{ decision: 'confirmed' | 'rejected' }>()(
    z.object({ missingCaseId: z.string().min(1).max(64), foundCaseId: z.string().min(1).max(64), decision: z.enum(['confirmed', 'rejected']), score: z.number().min(0).max(1).optional() }),
  ),
  'report.monthly': method<MonthlyReport>()(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) })),
  /** The printed return as one HTML document (as the PDF): `preview` is not audited; otherwise audited as printed. */
  'report.html': method<{ html: string }>()(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), lang: z.enum(['en', 'ur']), preview: z.boolean() })),
  'report.file': method<{ fileName: string; base64: string; mime: string }>()(
    z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), format: z.enum(['csv', 'xlsx']), lang: z.enum(['en', 'ur']) }),
  ),
  'district.addNote': method<DistrictNote>()(z.object({ caseId: z.string().min(1).max(64), kind: z.enum(['follow_up', 'referral_outcome']), text: z.string().max(2000) })),
  /** Without `target`, into a `bundles` folder beside the register; with it, to the save target (purpose `bundles`) the officer chose. */
  'bundle.export': method<ExportSummary>()(z.object({ target: fileHandle.optional() })),
  'bundle.pinDistrict': method<{ district: string; fingerprint: string }>()(pickedFile),
  'bundle.stationKeyFile': method<{ fileName: string; content: string; fingerprint: string }>()(z.object({})),
  'receipt.import': method<{ throughSequence: number; gaps: Array<{ from: number; to: number }>; quarantined: Array<{ sequence: number; code: string }>; notes: number; matches: number }>()(pickedFile),

  // ---- Long work as jobs, the file door, the district's import over the door (issue 14, part A: `host`).
  /** How a job started by another method is getting on; the page polls it about 4 times a second. */
  'job.status': method<JobStatus>()(z.object({ jobId })),
  /** Asks a job to stop: what it had in flight is rolled back, what it finished stays. Answers its status. */
  'job.cancel': method<JobStatus>()(z.object({ jobId })),
  /** Imports station bundles the officer picked (purpose `bundles`) as a job; its result is one report per file. */
  'district.import': method<{ jobId: string }>()(z.object({ files: z.array(fileHandle).min(1).max(500) })),
  /**
   * The desktop app's file dialogs: answered by Electron main (native dialog, the chosen paths registered with
   * the services), never by the services. The browser build uploads through the dev server instead (renderer/files.ts).
   */
  'file.pick': method<PickedFile[]>()(z.object({ purpose: z.enum(FILE_PURPOSE_NAMES), multiple: z.boolean().optional(), directory: z.boolean().optional() })),
  'file.saveTarget': method<SaveTarget | null>()(z.object({ purpose: z.enum(FILE_PURPOSE_NAMES), suggestedName: z.string().min(1).max(120) })),

  // Save as PDF (issue 14, part B): a signed form or the monthly return, printed to PDF by the shell's printer (the
  // desktop app's own Chromium; the development server's) into the save target (purpose `report`) the officer
  // chose, and audited as printed. The answer names the file as the officer named it, never a path.
  'form.pdf': method<SavedPdf>()(
    z.object({ caseId: z.string().min(1).max(64), form: z.string().min(1).max(40), lang: z.enum(['en', 'ur', 'both']), layout: z.enum(['stacked', 'side']).optional(), referral: z.number().int().min(1).max(50).optional(), target: fileHandle }),
  ),
  'report.pdf': method<SavedPdf>()(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), lang: z.enum(['en', 'ur']), target: fileHandle })),
} as const;

/** A PDF written where the officer chose: the name they gave it, its size and its pages. */
export type SavedPdf = { name: string; bytes: number; pages: number };

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export type ApiInput<M extends ApiMethod> = z.input<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = NonNullable<ApiContract[M]['output']>;

export const API_METHODS = Object.keys(apiContract) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiContract, name);
}

/** What every transport returns: a result, or a typed error a person can act on (never a stack trace). */
export type ApiResponse<T> =
  | { ok: true; result: T }
  | { ok: false; error: { code: string; message: string; messageUr: string; action: string; actionUr: string; errorId?: string } };
