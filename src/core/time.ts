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

const karachiParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-11-20 23:30" in Asia/Karachi: the form officers read and print. */
export function formatKarachi(at: Date | string): string {
  const parts = Object.fromEntries(karachiParts.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The calendar year of an instant as seen in Pakistan (case numbers use it). */
export function karachiYear(at: Date | string): number {
  return Number(formatKarachi(at).slice(0, 4));
}
