import writeXlsxFile, { type Cell, type Sheet } from 'write-excel-file/node';
import type { MonthlyReturn, ReturnCell, ReturnLang, ReturnTable } from '../core/returns/index.js';
import { cellIn, returnAboutTable, returnDataTable, returnTables } from '../core/returns/index.js';

/**
 * The monthly return as files a CPU officer opens in Excel (issue 7, item 5). Both writers take their rows and
 * words from core/returns/tables.ts, so the CSV, the workbook and the printed return say the same thing.
 *
 * - CSV: the long format, one figure per row (station, table, figure, category, gender, age band, breakdown,
 *   count, out of, percent, key), because that is what a pivot table wants; RFC 4180 (CRLF, quoted fields),
 *   UTF-8 with a byte-order mark so Excel reads the Urdu as Urdu rather than as mojibake.
 * - XLSX: an About sheet, one sheet per table (header row bold and frozen, column widths, the all-stations row
 *   bold) and the same long Data sheet; in Urdu every sheet runs right to left.
 */

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
