/**
 * Calendar months of the returns, in Pakistan's calendar. Pakistan keeps UTC+5 all year (no daylight saving since
 * 2009, see core/time.ts), so a Karachi month is a fixed UTC interval: "2026-11" runs from 2026-10-31T19:00Z
 * (00:00 on 1 November in Karachi) up to, not including, 2026-11-30T19:00Z. A juvenile brought in at 23:30 on
 * 30 November belongs to November; one brought in at 00:30 on 1 December belongs to December, although UTC still
 * says 30 November.
 */
import { KARACHI_OFFSET_MS } from '../time.js';

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH_PATTERN.test(value);
}

function parseMonth(month: string): { year: number; monthIndex: number } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${JSON.stringify(month)}`);
  return { year: Number(match[1]), monthIndex: Number(match[2]) - 1 };
}

/** The month's first and first-after instants in epoch ms: [start, end). */
export function monthBoundsMs(month: string): { start: number; end: number } {
  const { year, monthIndex } = parseMonth(month);
  return { start: Date.UTC(year, monthIndex, 1) - KARACHI_OFFSET_MS, end: Date.UTC(year, monthIndex + 1, 1) - KARACHI_OFFSET_MS };
}

/**
 * The month as UTC ISO instants, the form `reported_at` is stored in ("…T19:00:00.000Z"), so a register can read
 * one month with `reported_at >= from AND reported_at < to` on its index.
 */
export function monthBoundsUtc(month: string): { from: string; to: string } {
  const { start, end } = monthBoundsMs(month);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/**
 * The instant in the register's canonical form, "2026-11-30T18:30:00.000Z" (what the case model stores), so
 * that months can be told by comparing strings: ISO instants of that one form sort as they happen. An instant
 * already in that form is returned as it is (the common case, and ~20x cheaper than Date.parse); any other
 * offset form is converted; null when it is not an instant.
 */
export function canonicalInstant(iso: string): string | null {
  if (iso.length === 24 && iso.charCodeAt(23) === 90 /* Z */ && iso.charCodeAt(10) === 84 /* T */ && iso.charCodeAt(19) === 46 /* . */) return iso;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** "2026-11" for an instant, as the calendar reads in Pakistan. */
export function karachiMonthOf(at: string | number): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return new Date(ms + KARACHI_OFFSET_MS).toISOString().slice(0, 7);
}

/** Every month from `first` to `last`, both included, in order. */
export function monthRange(first: string, last: string): string[] {
  const from = parseMonth(first);
  const to = parseMonth(last);
  const months: string[] = [];
  for (let i = from.year * 12 + from.monthIndex; i <= to.year * 12 + to.monthIndex; i++) {
    months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

/**
 * The file name of a district's return for a month in one language, e.g. `return-Quetta_City-2026-11-ur.pdf`:
 * the district and the month only (never a child's name), with anything a file system may refuse made `_`.
 */
export function returnFileName(district: string, month: string, lang: string, extension: 'csv' | 'xlsx' | 'pdf'): string {
  return `return-${district}-${month}-${lang}`.replace(/[^\w.-]+/g, '_') + `.${extension}`;
}
