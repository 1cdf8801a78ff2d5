import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { apiContract, isApiMethod, type ApiContract, type ApiMethod, type ApiOutput, type ApiResponse, type SessionInfo } from '../core/api.js';
import { AppError, isAppError } from '../core/errors.js';
import { returnFileName } from '../core/returns/index.js';
import { storeErrorFor } from '../store/database.js';
import type { StoreOptions } from '../store/register.js';
import { createCase, listCases, showCase, updateCase } from './cases.js';
import { exportBundle, importReceiptFrom, pinDistrictFrom, requireBundleImport, stationBundleStatus, stationKeyFile } from './bundles.js';
import { describeUnexpected, newErrorId, silentLog, type Logger } from './diagnostics.js';
import { FileRegistry } from './file-registry.js';
import type { FilePurpose } from '../core/files.js';
import type { ShellPrinter } from './host-protocol.js';
import { JobRunner } from './jobs.js';
import { caseChecklist, completeStep, dueList } from './checklist.js';
import { formPdf, renderFormHtml } from './forms.js';
import type { PrintsPdf } from '../forms/printer.js';
import { FORM_NAMES, type FormName } from '../forms/types.js';
import { addDistrictNote, caseProvenance, districtMessagesFor, districtNotes, stationStatusBoard } from './district.js';
import { monthlyReport, monthlyReportPdf, printableReturnHtml } from './district-report.js';
import { monthlyReturnFromRegister, toCsv, toXlsx } from './district-report-files.js';
import { decideMatch, matchSuggestions } from './matching.js';
import { initDistrict, initStation, login } from './register.js';
import { parseInput, type Session } from './session.js';
import { changeSettings, readSettings } from './settings.js';
import { addStationUser, changePassphrase, listUsers, removeStationUser } from './users.js';

/** Calls that take longer than this are logged with their duration (never their input). */
const SLOW_CALL_MS = 500;

export type ApiHostOptions = StoreOptions & {
  autoLockMs?: number;
  /** The diagnostics log (diagnostics.ts); silent unless the shell gives one. */
  log?: Logger;
  /** Prints PDFs (in the services thread: the shell's printer, reached through the client; see host-protocol.ts). */
  printer?: ShellPrinter;
};

/**
 * One register door for every transport (Electron IPC, the dev server, tests): holds the register path and the
 * unlocked session, checks each call against the API contract, and turns every failure into a typed error. In
 * the apps it runs in the services thread (services.worker.ts) behind a ServicesClient; tests may hold one
 * directly. It also keeps the file registry (handles for picked files) and the jobs (long work).
 */
export class ApiHost {
  private session: Session | null = null;
  private lastActivity = Date.now();
  readonly files = new FileRegistry();
  readonly jobs: JobRunner;
  private readonly log: Logger;

  constructor(
    readonly registerPath: string,
    private readonly options: ApiHostOptions = {},
  ) {
    this.log = options.log ?? silentLog;
    this.jobs = new JobRunner({ migrationsFolder: options.migrationsFolder, scrypt: options.scrypt }, this.log);
  }

  /** Parses and runs one call. Never throws: the response carries the result or a typed error. */
  async call(method: unknown, rawInput: unknown): Promise<ApiResponse<unknown>> {
    const started = performance.now();
    const name = isApiMethod(method) ? method : '(unknown)';
    try {
      if (!isApiMethod(method)) throw new AppError('USAGE', 'Unknown API method.');
      this.lockIfIdle();
      const input = parseInput(apiContract[method].input, rawInput ?? {}) as ApiParsedInput<typeof method>;
      const result = await this.handle(method, input);
      this.lastActivity = Date.now();
      const ms = Math.round(performance.now() - started);
      if (ms >= SLOW_CALL_MS) this.log.write('info', 'call.slow', { method: name, ms });
      return { ok: true, result };
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      const known = isAppError(error) ? error : storeErrorFor(error);
      if (known) {
        this.log.write('info', 'call.refused', { method: name, code: known.code, ms });
        return { ok: false, error: known.toJSON() };
      }
      // Nobody foresaw this one: keep its cause for the IT cell (class, code, stack frames; never its message
      // or the input), and give the officer the id to quote.
      const errorId = newErrorId();
      this.log.write('error', 'call.unexpected', { method: name, errorId, ms, cause: describeUnexpected(error) });
      return { ok: false, error: new AppError('INTERNAL', undefined, { errorId }).toJSON() };
    }
  }

  /** Closes the register after inactivity: a shared desk PC must not stay open for the next person. */
  lockIfIdle(now = Date.now()): boolean {
    const limit = this.options.autoLockMs;
    if (!this.session || !limit || now - this.lastActivity < limit) return false;
    this.lock();
    this.log.write('info', 'session.autoLock', {});
    return true;
  }

  /**
   * Closes the register: running jobs are cancelled (each rolls back the step it had in flight), and the
   * files picked while it was open are forgotten (uploaded copies deleted), so the next person finds none.
   */
  lock(): void {
    if (!this.session) return;
    void this.jobs.stopAll();
    this.files.clear();
    this.session.register.close();
    this.session = null;
  }

  /** Locks, then waits for cancelled jobs to end: before the thread or process running this host exits. */
  async close(): Promise<void> {
    this.lock();
    await this.jobs.stopAll();
    this.files.clear();
  }

  status(): SessionInfo {
    if (this.session) {
      const { user, register } = this.session;
      const { kind, stationCode, stationName, district } = register.info;
      return {
        state: 'unlocked',
        user: { username: user.username, displayName: user.displayName, role: user.role },
        register: { kind, stationCode, stationName, district },
      };
    }
    return existsSync(this.registerPath) ? { state: 'locked' } : { state: 'no_register' };
  }

  /** The host's PDF printer (the desktop app's Chromium, or the development server's); none: PDFs are refused. */
  private requirePrinter(): PrintsPdf {
    if (!this.options.printer) throw new AppError('NO_CHROMIUM', 'This program has no PDF printer.');
    return this.options.printer;
  }

  /** A small picked file as text, whether the page sent its text or a handle from the file door. */
  private async smallFile(input: { name: string; content: string } | { file: string }, purpose: FilePurpose): Promise<{ name: string; content: string }> {
    if (!('file' in input)) return input;
    const { name, bytes } = await this.files.read(input.file, purpose);
    return { name, content: Buffer.from(bytes).toString('utf8') };
  }

  private requireSession(): Session {
    if (!this.session) throw new AppError('FORBIDDEN', 'Log in first.');
    return this.session;
  }

  /** One handler per contract method; the mapped type keeps each input and output as the contract says. */
  private readonly handlers: Handlers = {
    'session.status': () => this.status(),
    'session.setupStation': async (input) => {
      const { session, recoveryKey } = await initStation({ ...input, path: this.registerPath }, this.options);
      this.lock();
      this.session = session;
      return { recoveryKey, session: this.status() };
    },
    'session.setupDistrict': async (input) => {
      const { session, recoveryKey } = await initDistrict({ ...input, path: this.registerPath }, this.options);
      this.lock();
      this.session = session;
      return { recoveryKey, session: this.status() };
    },
    'session.login': async (input) => {
      this.lock();
      this.session = await login(this.registerPath, input.username, input.passphrase, this.options);
      return this.status();
    },
    'session.lock': () => {
      this.lock();
      return this.status();
    },
    'case.create': (input) => createCase(this.requireSession(), input),
    'case.get': (input) => showCase(this.requireSession(), input.id),
    'case.update': (input) => updateCase(this.requireSession(), input.id, input.patch, input.expectedRevision),
    'case.list': (input) => listCases(this.requireSession(), input),
    'user.list': () =>
      listUsers(this.requireSession()).map(({ username, displayName, role, removedAt }) => ({ username, displayName, role, removedAt })),
    'user.add': async (input) => {
      const user = await addStationUser(this.requireSession(), input, input.passphrase);
      return { username: user.username, role: user.role };
    },
    'user.setPassphrase': async (input) => {
      await changePassphrase(this.requireSession(), input.username, input.passphrase);
      return { ok: true as const };
    },
    'user.remove': (input) => {
      removeStationUser(this.requireSession(), input.username);
      return { ok: true as const };
    },
    'case.checklist': (input) => caseChecklist(this.requireSession(), input.id),
    'checklist.complete': (input) => completeStep(this.requireSession(), input),
    'due.list': (input) => dueList(this.requireSession(), input),
    'settings.get': () => readSettings(this.requireSession()),
    'settings.set': (input) => changeSettings(this.requireSession(), input),
    'bundle.status': () => stationBundleStatus(this.requireSession()),
    'bundle.export': async (input) => {
      const session = this.requireSession();
      if (input.target) {
        const { path, name } = this.files.targetPath(input.target, 'bundles');
        // The page learns the name it chose, never a path (in the browser build, one in the dev server's private folder).
        return { ...(await exportBundle(session, path)), path: name };
      }
      const next = (stationBundleStatus(session).lastExport?.sequence ?? 0) + 1;
      const folder = join(dirname(this.registerPath), 'bundles');
      mkdirSync(folder, { recursive: true });
      return exportBundle(session, join(folder, `${session.register.info.stationCode}-${String(next).padStart(6, '0')}.chd`));
    },
    'bundle.pinDistrict': async (input) => {
      const session = this.requireSession();
      const { name, content } = await this.smallFile(input, 'districtKey');
      return pinDistrictFrom(session, content, name);
    },
    'bundle.stationKeyFile': () => {
      const { fileName, content, fingerprint } = stationKeyFile(this.requireSession());
      return { fileName, content, fingerprint };
    },
    'receipt.import': async (input) => {
      const session = this.requireSession();
      const { name, content } = await this.smallFile(input, 'receipt');
      return importReceiptFrom(session, content, name);
    },
    'form.html': (input) => {
      if (!(FORM_NAMES as readonly string[]).includes(input.form)) throw new AppError('INVALID_INPUT', `form: one of ${FORM_NAMES.join(', ')}`);
      return { html: renderFormHtml(this.requireSession(), input.caseId, input.form as FormName, input.lang, { layout: input.layout, referral: input.referral, preview: input.preview }) };
    },
    'case.messages': (input) => districtMessagesFor(this.requireSession(), input.id),
    'district.status': (input) => stationStatusBoard(this.requireSession(), input),
    'district.notes': (input) => districtNotes(this.requireSession(), input.caseId),
    'district.provenance': (input) => ({ provenance: caseProvenance(this.requireSession(), input.caseId) }),
    'match.suggestions': () => matchSuggestions(this.requireSession()),
    'match.decide': (input) => decideMatch(this.requireSession(), input),
    'report.monthly': (input) => monthlyReport(this.requireSession(), input.month),
    'report.html': (input) => ({ html: printableReturnHtml(this.requireSession(), input.month, input.lang, input.preview) }),
    'report.file': async (input) => {
      const session = this.requireSession();
      const result = monthlyReturnFromRegister(session, { month: input.month });
      const fileName = returnFileName(session.register.info.district, input.month, input.lang, input.format);
      return input.format === 'csv'
        ? { fileName, base64: Buffer.from(toCsv(result, input.lang), 'utf8').toString('base64'), mime: 'text/csv' }
        : { fileName, base64: (await toXlsx(result, input.lang)).toString('base64'), mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    },
    'district.addNote': (input) => addDistrictNote(this.requireSession(), input),
    // ---- issue 14, part A: jobs, the district's import, the file door
    'job.status': (input) => this.jobs.status(input.jobId, this.requireSession().user.id),
    'job.cancel': (input) => this.jobs.cancel(input.jobId, this.requireSession().user.id),
    'district.import': (input) => {
      const session = this.requireSession();
      requireBundleImport(session);
      const files = input.files.map((handle) => {
        const { path, name } = this.files.pathOf(handle, 'bundles');
        return { path, name };
      });
      return this.jobs.start('district.import', { files }, session, { files: files.length });
    },
    'file.pick': () => {
      throw new AppError('USAGE', '(file dialogs belong to the desktop app; the browser build uploads the file instead)');
    },
    'file.saveTarget': () => {
      throw new AppError('USAGE', '(file dialogs belong to the desktop app; the browser build downloads the file instead)');
    },

    // Save as PDF (issue 14, part B): printed by the shell's printer, written to the save target the officer chose.
    'form.pdf': async (input) => {
      if (!(FORM_NAMES as readonly string[]).includes(input.form)) throw new AppError('INVALID_INPUT', `form: one of ${FORM_NAMES.join(', ')}`);
      const { target, ...request } = input;
      const { pdf, pages } = await formPdf(this.requireSession(), { ...request, form: input.form as FormName }, this.requirePrinter());
      return { ...(await this.files.write(target, 'report', pdf)), pages };
    },
    'report.pdf': async (input) => {
      const { pdf, pages } = await monthlyReportPdf(this.requireSession(), input.month, input.lang, this.requirePrinter());
      return { ...(await this.files.write(input.target, 'report', pdf)), pages };
    },
  };

  private handle<M extends ApiMethod>(method: M, input: ApiParsedInput<M>): Promise<ApiOutput<M>> | ApiOutput<M> {
    return this.handlers[method](input);
  }
}

type ApiParsedInput<M extends ApiMethod> = z.output<ApiContract[M]['input']>;
type Handlers = { [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M> };
