import writeXlsxFile, { type Cell, type Sheet } from 'write-excel-file/node';
import { AppError } from '../core/errors.js';
import type { DistrictRow, DistrictRowData, MonthlyReturn, MonthlyReturnBuilder, ReturnCell, ReturnLang, ReturnTable } from '../core/returns/index.js';
import { cellIn, createMonthlyReturn, isMonth, monthBoundsUtc, returnAboutTable, returnDataTable, returnTables } from '../core/returns/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { requirePermission, type Session } from './session.js';

/**
 * The monthly return as files a CPU officer opens in Excel (issue 7, item 5). Both writers take their rows and
 * words from core/returns/tables.ts, so the CSV, the workbook and the printed return say the same thing.
 *
 * - CSV: the long format, one figure per row (station, table, figure, category, gender, age band, breakdown,
 *   count, out of, percent, key), because that is what a pivot table wants; RFC 4180 (CRLF, quoted fields),
 *   UTF-8 with a byte-order mark so Excel reads the Urdu as Urdu rather than as mojibake.
 * - XLSX: an About sheet, one sheet per table (header row bold and frozen, column widths, the all-stations row
 *   bold) and the same long Data sheet; in Urdu every sheet runs right to left.
 *
 * And the reading side: the district register's `cases` rows streamed into the aggregator, one month through
 * the reported_at index (about a thirtieth of the register) and the missing children reported earlier (their
 * recoveries count in the month they happened), never the whole table in memory.
 */

type CaseRowColumns = [id: string, stationCode: string, caseNumber: string, category: string, status: string, reportedAt: string, data: string];

const COLUMNS = 'SELECT id, station_code, case_number, category, status, reported_at, data FROM cases';

/** The first confirmation of each missing child the district matched with a found child. */
function confirmedMatches(sqlite: SqliteDatabase): Map<string, string> {
  const rows = sqlite.prepare("SELECT missing_case_id, MIN(decided_at) FROM match_decisions WHERE decision = 'confirmed' GROUP BY missing_case_id").raw(true).all() as Array<[string, string]>;
  return new Map(rows);
}

function* parsed(rows: Iterable<CaseRowColumns>, confirmed: Map<string, string>): Generator<DistrictRow> {
  for (const [id, stationCode, caseNumber, category, status, reportedAt, data] of rows) {
    const row: DistrictRow = { stationCode, caseNumber, category, status, reportedAt, data: JSON.parse(data) as DistrictRowData };
    const at = category === 'missing' ? confirmed.get(id) : undefined;
    if (at !== undefined) row.matchConfirmedAt = at;
    yield row;
  }
}

/**
 * The district's case rows with their data parsed, one at a time: those reported in `month` (Asia/Karachi)
 * through the reported_at index, or every row when no month is given. Rows come from SQLite as arrays (raw),
 * a tenth cheaper than one object per row.
 */
export function districtRows(sqlite: SqliteDatabase, month?: string): Generator<DistrictRow> {
  return month ? districtRowsBetween(sqlite, monthBoundsUtc(month)) : districtRowsBetween(sqlite);
}

/** Rows reported in [from, to) (UTC ISO strings), through the reported_at index; every row without bounds. */
export function districtRowsBetween(sqlite: SqliteDatabase, bounds?: { from: string; to: string }): Generator<DistrictRow> {
  const rows = bounds ? sqlite.prepare(`${COLUMNS} WHERE reported_at >= ? AND reported_at < ?`).raw(true).iterate(bounds.from, bounds.to) : sqlite.prepare(COLUMNS).raw(true).iterate();
  return parsed(rows as IterableIterator<CaseRowColumns>, confirmedMatches(sqlite));
}

/**
 * What a return over [from, to) reads: the rows reported in it, then the missing children reported before it
 * (through the category index), whose recoveries and hand-overs may fall in it.
 */
export function* districtReturnRows(sqlite: SqliteDatabase, bounds: { from: string; to: string }): Generator<DistrictRow> {
  const confirmed = confirmedMatches(sqlite);
  yield* parsed(sqlite.prepare(`${COLUMNS} WHERE reported_at >= ? AND reported_at < ?`).raw(true).iterate(bounds.from, bounds.to) as IterableIterator<CaseRowColumns>, confirmed);
  yield* parsed(sqlite.prepare(`${COLUMNS} WHERE category = 'missing' AND reported_at < ?`).raw(true).iterate(bounds.from) as IterableIterator<CaseRowColumns>, confirmed);
}

/**
 * The monthly return of a district register: every enrolled station listed (a station with no case this month
 * shows zeros), the guardian target from the register's settings unless given.
 */
export function monthlyReturnFromRegister(session: Session, options: { month: string; asapTargetHours?: number }): MonthlyReturn {
  const builder = monthlyReturnBuilder(session, options);
  for (const row of districtReturnRows(session.register.db.sqlite, monthBoundsUtc(options.month))) builder.add(row);
  return builder.result();
}

/** The checked, empty monthly return of a district register, for a caller that reads the rows itself. */
export function monthlyReturnBuilder(session: Session, options: { month: string; asapTargetHours?: number }): MonthlyReturnBuilder {
  if (session.register.info.kind !== 'district') throw new AppError('WRONG_REGISTER_KIND', '(needs a district register)');
  requirePermission(session, 'case.read');
  if (!isMonth(options.month)) throw new AppError('INVALID_INPUT', 'month: must be a month as YYYY-MM, e.g. 2026-11');
  const sqlite = session.register.db.sqlite;
  const stations = sqlite.prepare("SELECT DISTINCT peer_code FROM peer_keys WHERE peer_kind = 'station'").pluck().all() as string[];
  return createMonthlyReturn({
    district: session.register.info.district,
    month: options.month,
    asapTargetHours: options.asapTargetHours ?? session.register.settings.read().asapTargetHours,
    stations,
  });
}

const BOM = '\uFEFF';

/** Text a spreadsheet would take for a formula (=, +, -, @, tab, CR) is prefixed with ' (CSV injection). */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = defuse(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLines(table: ReturnTable, lang: ReturnLang): string[] {
  return [
    table.columns.map((column) => csvField(column.label[lang])).join(','),
    ...table.rows.map((row) => row.map((cell) => csvField(cellIn(cell, lang))).join(',')),
  ];
}

/** The return as CSV text (starting with the BOM): write it as UTF-8, e.g. writeFileSync(path, csv, 'utf8'). */
export function toCsv(result: MonthlyReturn, lang: ReturnLang): string {
  return `${BOM}${csvLines(returnDataTable(result), lang).join('\r\n')}\r\n`;
}

const bold = (value: string | number | null, format?: string): Cell => (value === null ? null : { value, fontWeight: 'bold', ...(format ? { format } : {}) });

function xlsxCell(cell: ReturnCell, lang: ReturnLang, kind: ReturnTable['columns'][number]['kind'], emphasise: boolean): Cell {
  const value = cellIn(cell, lang);
  if (value === null) return null;
  const format = kind === 'percent' && typeof value === 'number' ? '0.0' : undefined;
  if (emphasise) return bold(value, format);
  if (typeof value === 'number') return format ? { value, format } : value;
  return { value, type: String };
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(table: ReturnTable, lang: ReturnLang): string {
  return table.sheet[lang].replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

function sheetOf(table: ReturnTable, lang: ReturnLang): Sheet<Buffer> {
  const about = table.id === 'about';
  const header: Cell[] = about ? [] : table.columns.map((column) => bold(column.label[lang]));
  const body = table.rows.map((row) => {
    // The last row of a station table is the district's; the About sheet's headings have no value beside them.
    const emphasise = about ? row[1] === null : table.id !== 'data' && row[0] !== null && typeof row[0] === 'object';
    return row.map((cell, i) => xlsxCell(cell, lang, table.columns[i]?.kind ?? 'label', emphasise));
  });
  return {
    data: about ? body : [header, ...body],
    sheet: sheetName(table, lang),
    columns: table.columns.map((column) => ({ width: column.width })),
    ...(about ? {} : { stickyRowsCount: 1 }),
    rightToLeft: lang === 'ur',
  };
}

/** The return as an .xlsx workbook: About, one sheet per table, then the long Data sheet. */
export async function toXlsx(result: MonthlyReturn, lang: ReturnLang): Promise<Buffer> {
  const tables = [returnAboutTable(result), ...returnTables(result), returnDataTable(result)];
  return writeXlsxFile(tables.map((table) => sheetOf(table, lang))).toBuffer();
}
