import { basename } from 'node:path';
import type { DistrictImportResult, JobProgress } from '../core/api.js';
import type { BundleReport } from '../core/bundle-outcomes.js';
import { importBundles, ImportCancelled } from './bundles.js';
import type { Session } from './session.js';

/**
 * The long tasks that run as jobs (TEAM contract 3), each in a job thread of its own with its own connection
 * to the register (see jobs.ts for why). A kind takes the session of that connection, its input (plain data,
 * prepared by the API handler: paths resolved from handles, never handles), and its control: the signal to stop
 * at and where to say how far it got. It answers its result, or throws JobStopped with what it finished.
 * Other long work (export, backup, restore, returns) adds its kind here.
 */
export type JobControl = { signal: AbortSignal; progress: (progress: JobProgress) => void };

/** A kind stopped because it was cancelled; `partial` is what it finished first (sent back as the job's result). */
export class JobStopped extends Error {
  constructor(readonly partial?: unknown) {
    super('The job was cancelled.');
    this.name = 'JobStopped';
  }
}

/** A picked bundle: where the services read it, and the name the officer knows it by. */
export type ImportFile = { path: string; name: string };

export const JOB_KINDS = {
  'district.import': async (session: Session, input: { files: ImportFile[] }, control: JobControl): Promise<DistrictImportResult> => {
    const names = new Map(input.files.map((file) => [file.path, file.name]));
    const named = (reports: BundleReport[]) => reports.map((report) => ({ ...report, file: names.get(report.file) ?? basename(report.file) }));
    try {
      const reports = await importBundles(
        session,
        input.files.map((file) => file.path),
        {
          signal: control.signal,
          onProgress: ({ file, index, of, casesSoFar }) => control.progress({ step: index + 1, of, done: casesSoFar, detail: names.get(file) ?? basename(file) }),
        },
      );
      return { reports: named(reports) };
    } catch (error) {
      if (error instanceof ImportCancelled) throw new JobStopped({ reports: named(error.reports) } satisfies DistrictImportResult);
      throw error;
    }
  },
} as const;

export type JobKind = keyof typeof JOB_KINDS;
export type JobInput<K extends JobKind> = Parameters<(typeof JOB_KINDS)[K]>[1];

export function isJobKind(kind: unknown): kind is JobKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(JOB_KINDS, kind);
}
