/**
 * Time in the register: stored as UTC ISO-8601, shown in Asia/Karachi. Every function that needs "now" takes
 * a Clock so tests (and the rule pack) can move time.
 */

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const DISPLAY_TIME_ZONE = 'Asia/Karachi';

/** A fixed clock for tests and replays. */
export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  return () => new Date(instant.getTime());
}

export function toUtcIso(at: Date): string {
  return at.toISOString();
}

/** Normalises any ISO-8601 instant with an offset (e.g. "2026-11-20T23:30:00+05:00") to UTC "…Z" form. */
export function normaliseInstant(iso: string): string {
  return new Date(iso).toISOString();
}

/**
 * Pakistan keeps UTC+5 all year (no daylight saving since 2009). The one statement of Pakistan's offset: every
 * conversion between a stored UTC instant and Pakistan's clock or calendar (formatting, typed input, months of
 * the returns, calendar months of the rule pack) uses these.
 */
export const KARACHI_OFFSET_HOURS = 5;
export const KARACHI_OFFSET_MS = KARACHI_OFFSET_HOURS * 3_600_000;
/** The same offset as ISO-8601 writes it: "+05:00". */
export const KARACHI_OFFSET = `+${String(KARACHI_OFFSET_HOURS).padStart(2, '0')}:00`;

/**
 * "2026-11-20 23:30" in Asia/Karachi: the form officers read and print. Pakistan has kept UTC+5 without daylight
 * saving since 2009, so this is arithmetic rather than Intl (which costs ~50x more and runs for every clock of
 * every open case on the due board).
 */
export function formatKarachi(at: Date | string): string {
  const shifted = new Date(new Date(at).getTime() + KARACHI_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** The calendar year of an instant as seen in Pakistan (case numbers use it). */
export function karachiYear(at: Date | string): number {
  return Number(formatKarachi(at).slice(0, 4));
}

/** "2026-11-20T23:30" typed in a datetime-local field (Karachi time) -> "2026-11-20T23:30:00+05:00". */
export function karachiLocalToIso(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}${KARACHI_OFFSET}`;
}

/** A stored UTC instant -> "2026-11-20T23:30" for a datetime-local field showing Karachi time. */
export function isoToKarachiLocal(iso: string): string {
  return formatKarachi(iso).replace(' ', 'T');
}

/** "3h 20m", "2d 4h", "45m": the span a clock shows, always positive. */
export function formatSpan(milliseconds: number): { days: number; hours: number; minutes: number } {
  const totalMinutes = Math.floor(Math.abs(milliseconds) / 60_000);
  return { days: Math.floor(totalMinutes / 1440), hours: Math.floor((totalMinutes % 1440) / 60), minutes: totalMinutes % 60 };
}
