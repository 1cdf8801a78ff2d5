import type { TFunction } from 'i18next';
import { formatKarachi, formatSpan } from '../core/time.js';

const LRI = '\u2066';
const PDI = '\u2069';

/** Wraps a left-to-right run (a date, a number with dashes) so a right-to-left sentence cannot reorder it. */
export function isolateLtr(text: string): string {
  return `${LRI}${text}${PDI}`;
}

/**
 * Stored UTC -> what an officer reads: Asia/Karachi, "2026-11-20 23:30". Digits stay Latin in both languages.
 * The value is direction-isolated (LRI ... PDI): inside an Urdu sentence the bidi algorithm would otherwise
 * read "2026-12-01 13:00" as "13:0001-12-2026". Every time on screen goes through here.
 */
export function showTime(iso: string | undefined | null): string {
  return iso ? isolateLtr(formatKarachi(iso)) : '';
}

/** Isolates the dates and times already inside a sentence from the services (the checklist's "why"). */
export function isolateTimesIn(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?/g, (match) => isolateLtr(match));
}

/** Masks a name for lists that others may see (JJSA s.13): first letter of each word. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${[...word][0]}${'•'.repeat(Math.min(4, Math.max(1, [...word].length - 1)))}`)
    .join(' ');
}

/** Masks a B-Form / CRC number the same way: the first digit stays, the rest become dots, the dashes stay. */
export function maskId(id: string): string {
  let first = true;
  return id.replace(/\d/g, (digit) => {
    if (!first) return '•';
    first = false;
    return digit;
  });
}

export function roleName(t: TFunction, role: string): string {
  return t(`roles.${role}`);
}

/** A live clock as an officer reads it: "due in 3h 20m" / "overdue by 2h 5m", in the chosen language. */
export function clockText(t: TFunction, dueAt: string, now: number): { text: string; overdue: boolean } {
  const left = Date.parse(dueAt) - now;
  const { days, hours, minutes } = formatSpan(left);
  const span = days > 0 ? t('checklist.spanDays', { days, hours }) : hours > 0 ? t('checklist.spanHours', { hours, minutes }) : t('checklist.spanMinutes', { minutes });
  return left < 0 ? { text: t('checklist.overdueBy', { span }), overdue: true } : { text: t('checklist.dueIn', { span }), overdue: false };
}
