import type { MonthlyReport } from '../core/api.js';
import { createComplianceSeries, isMonth, monthBoundsUtc, monthRange, type ReturnLang } from '../core/returns/index.js';
import { AppError } from '../core/errors.js';
import { formatKarachi } from '../core/time.js';
import { embeddedFontCss } from '../forms/font-loader.js';
import type { PrintsPdf } from '../forms/printer.js';
import { renderReturnDocument } from '../forms/return-document.js';
import { districtReturnRows, monthlyReturnBuilder } from './district-report-files.js';
import { requirePermission, type Session } from './session.js';

/**
 * The district's monthly return with the twelve months of history its charts show, and the return as a
 * printable document (HTML, or PDF through Chromium like the case forms).
 */


const HISTORY_MONTHS = 12;

function earlierMonth(month: string, back: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthlyReport(session: Session, month: string): MonthlyReport {
  if (!isMonth(month)) throw new AppError('INVALID_INPUT', 'month: must be a month as YYYY-MM, e.g. 2026-11');
  const monthly = monthlyReturnBuilder(session, { month });
  const months = monthRange(earlierMonth(month, HISTORY_MONTHS - 1), month);
  const asapTargetHours = session.register.settings.read().asapTargetHours;
  const stations = monthly.result().stations.map((s) => s.stationCode);
  const series = createComplianceSeries({ months, asapTargetHours, stations });
  // One read, each row parsed once, for both: the twelve months of history through the reported_at index (and
  // the missing children reported before them); the month's return takes the rows it would read on its own.
  const sqlite = session.register.db.sqlite;
  const from = monthBoundsUtc(months[0]!).from;
  const to = monthBoundsUtc(month).to;
  for (const row of districtReturnRows(sqlite, { from, to })) {
    series.add(row);
    if (monthly.needsRow(row.category, row.reportedAt)) monthly.add(row);
  }
  return { result: monthly.result(), series: series.result() };
}

export function monthlyReportHtml(session: Session, month: string, lang: ReturnLang): string {
  requirePermission(session, 'form.print');
  const { result, series } = monthlyReport(session, month);
  return renderReturnDocument({ result, series, lang, printedBy: session.user.displayName, printedAt: formatKarachi(session.register.clock()) }, { fontCss: embeddedFontCss() });
}

/**
 * The return as one HTML document for the app's print dialog (the same document the PDF is made of): a preview
 * is not audited; the copy sent to the print dialog is, like a case form (what and when, no case data).
 */
export function printableReturnHtml(session: Session, month: string, lang: ReturnLang, preview: boolean): string {
  const html = monthlyReportHtml(session, month, lang);
  if (!preview) session.register.audit.append({ action: 'form.print', actorId: session.user.id, details: { form: 'monthly-return', month, lang, medium: 'print-dialog' } });
  return html;
}

/**
 * The printed return as PDF through the caller's printer (the CLI's Chromium, or the desktop app's own); printing
 * is audited like a case form (what and when, no case data).
 */
export async function monthlyReportPdf(session: Session, month: string, lang: ReturnLang, printer: PrintsPdf): Promise<{ pdf: Uint8Array; pages: number }> {
  const html = monthlyReportHtml(session, month, lang);
  const { pdf, pages } = await printer.print(html);
  session.register.audit.append({ action: 'form.print', actorId: session.user.id, details: { form: 'monthly-return', month, lang, pages } });
  return { pdf, pages };
}
