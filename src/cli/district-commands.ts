import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../core/errors.js';
import type { ReturnLang } from '../core/returns/index.js';
import { formatKarachi } from '../core/time.js';
import { db, services, numberOption, positional, required, user, withSession, type Command } from './command.js';

export const DISTRICT_COMMANDS: Record<string, Command> = {
  'district status': {
    usage: 'district status --db FILE [--user NAME] [--silent-days N] [--json]   (every station: last bundle, gaps, quarantine, what to do)',
    options: { ...db, ...user, 'silent-days': { type: 'string' } },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { stationStatusBoard } = await services();
        const silentDays = numberOption(v, 'silent-days');
        const board = stationStatusBoard(session, silentDays === undefined ? {} : { silentDays });
        const text = board
          .map((s) => {
            const last = s.lastBundle ? `bundle ${s.lastBundle.sequence}, ${s.daysSilent} day(s) ago` : 'no bundle yet';
            return [`${s.stationCode.padEnd(8)} ${String(s.cases).padStart(7)} cases  ${last}`, ...s.advice.map((a) => `         - ${a.en}`)].join('\n');
          })
          .join('\n');
        return { json: board, text: text || 'No station is enrolled yet.' };
      }),
  },
  'district note': {
    usage: 'district note --db FILE [--user NAME] CASE --kind follow_up|referral_outcome --text TEXT   (goes back to the station in the next receipt)',
    options: { ...db, ...user, kind: { type: 'string' }, text: { type: 'string' } },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { addDistrictNote } = await services();
        const note = addDistrictNote(session, { caseId: positional(args, 0, 'CASE'), kind: required(v, 'kind'), text: required(v, 'text') });
        return { json: note, text: `Note added to ${note.caseId}; it goes to the station with the next receipt.` };
      }),
  },
};

DISTRICT_COMMANDS['district case'] = {
  usage: 'district case show --db FILE [--user NAME] ID_OR_CASE_NUMBER [--json]   (the district copy of a case, the bundle it came in and when, and the CPU notes)',
  options: { ...db, ...user },
  run: (v, args, io) => {
    if (args[0] !== 'show') throw new AppError('USAGE', 'Did you mean: district case show ID_OR_CASE_NUMBER?');
    const target = positional(args, 1, 'ID_OR_CASE_NUMBER');
    return withSession(v, io, async (session) => {
      const { caseProvenance, districtNotes, showCase } = await services();
      const provenance = caseProvenance(session, target);
      const record = showCase(session, target);
      const notes = districtNotes(session, record.id);
      const from = provenance
        ? `From ${provenance.stationCode}, bundle ${provenance.sequence ?? '?'} (${provenance.bundleId}), imported ${provenance.importedAt ? formatKarachi(provenance.importedAt) : 'at an unknown time'}.`
        : 'No bundle is recorded for this case.';
      const noteLines = notes.map((n) => `  ${formatKarachi(n.createdAt)}  ${n.kind}${n.sent ? '' : ' (not sent yet)'}: ${n.text}`);
      return {
        json: { ...record, provenance, districtNotes: notes },
        text: [JSON.stringify(record, null, 2), '', from, ...(notes.length ? ['', 'CPU notes:', ...noteLines] : [])].join('\n'),
      };
    });
  },
};

const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf', 'html'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];
/** Text formats go to stdout when no --out is given; binary ones to a file named after the district and month. */
const BINARY_FORMATS = new Set<ReportFormat>(['xlsx', 'pdf']);

/**
 * The default file of a binary return: `<district>-<YYYY-MM>.<ext>` in the current folder. Only the district
 * and the month are in the name (never a child's name); characters a file system may refuse become "-".
 */
export function defaultReportFile(cwd: string, district: string, month: string, format: ReportFormat): string {
  const slug = district.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'district';
  return resolve(cwd, `${slug}-${month}.${format}`);
}

DISTRICT_COMMANDS['district report'] = {
  usage: 'district report --db FILE [--user NAME] --month YYYY-MM [--json | --csv | --xlsx | --pdf | --html] [--lang en|ur] [--out FILE]   (one format; json, csv and html go to stdout without --out, xlsx and pdf to DISTRICT-MONTH.EXT)',
  options: { ...db, ...user, month: { type: 'string' }, csv: { type: 'boolean' }, xlsx: { type: 'boolean' }, pdf: { type: 'boolean' }, html: { type: 'boolean' }, lang: { type: 'string' }, out: { type: 'string' } },
  run: (v, _args, io) => {
    // Checked before the passphrase is asked for: a wrong command line should not cost a login.
    const chosen = REPORT_FORMATS.filter((f) => v[f]);
    if (chosen.length > 1) throw new AppError('USAGE', `Give one format at a time, not ${chosen.map((f) => `--${f}`).join(' and ')}.`);
    const format: ReportFormat = chosen[0] ?? 'json';
    const lang = (v.lang ?? 'en') as ReturnLang;
    if (lang !== 'en' && lang !== 'ur') throw new AppError('USAGE', '--lang must be en or ur.');
    const month = required(v, 'month');
    return withSession(v, io, async (session) => {
      const { FormPrinter, monthlyReportHtml, monthlyReportPdf, monthlyReturnFromRegister, toCsv, toXlsx } = await services();
      const result = monthlyReturnFromRegister(session, { month });
      const out = (v.out as string | undefined) ?? (BINARY_FORMATS.has(format) ? defaultReportFile(io.cwd, result.district, month, format) : undefined);
      const emit = (bytes: Uint8Array | string) => {
        if (out === undefined) {
          // run() ends the output with a newline: the CSV's own last CRLF is dropped so no blank row follows.
          const text = typeof bytes === 'string' ? bytes.replace(/\r?\n$/, '') : '';
          return { json: result, text };
        }
        writeFileSync(out, bytes);
        return { json: { month, format, out }, text: `Monthly return for ${month} written to ${out}.` };
      };
      if (format === 'csv') return emit(toCsv(result, lang));
      if (format === 'xlsx') return emit(await toXlsx(result, lang));
      if (format === 'html') return emit(monthlyReportHtml(session, month, lang));
      if (format === 'pdf') {
        const printer = await FormPrinter.launch({ env: io.env });
        return emit((await monthlyReportPdf(session, month, lang, printer).finally(() => printer.close())).pdf);
      }
      if (out) return emit(JSON.stringify(result, null, 2));
      const total = result.total;
      return { json: result, text: `Monthly return for ${result.district}, ${month}: ${total.cases} cases. Use --json, --csv, --html, --xlsx or --pdf for the whole return.` };
    });
  },
};

DISTRICT_COMMANDS['district matches'] = {
  usage: 'district matches --db FILE [--user NAME] [--json]   (found children that may be missing children of other stations)',
  options: { ...db, ...user },
  run: (v, _args, io) =>
    withSession(v, io, async (session) => {
      const { matchSuggestions } = await services();
      const list = matchSuggestions(session);
      const text = list
        .map(({ found, suggestions }) =>
          [`${found.caseNumber} (${found.category}) may be:`, ...suggestions.map((s) => `  ${s.caseNumber}  ${Math.round(s.score * 100)}%  ${s.reasons.map((r) => r.en).join('; ')}`)].join('\n'),
        )
        .join('\n');
      return { json: list, text: text || 'No suggestions now.' };
    }),
};

DISTRICT_COMMANDS['district match'] = {
  usage: 'district match --db FILE [--user NAME] MISSING_CASE FOUND_CASE --confirm|--reject   (remembered; confirmed pairs go to both stations)',
  options: { ...db, ...user, confirm: { type: 'boolean' }, reject: { type: 'boolean' } },
  run: (v, args, io) =>
    withSession(v, io, async (session) => {
      const { decideMatch } = await services();
      if (Boolean(v.confirm) === Boolean(v.reject)) throw new AppError('USAGE', 'Give exactly one of --confirm or --reject.');
      const result = decideMatch(session, { missingCaseId: positional(args, 0, 'MISSING_CASE'), foundCaseId: positional(args, 1, 'FOUND_CASE'), decision: v.confirm ? 'confirmed' : 'rejected' });
      return { json: result, text: result.decision === 'confirmed' ? 'Confirmed: both stations are told in their next receipts.' : 'Rejected: this pair will not be suggested again.' };
    }),
};
