import type { TFunction } from 'i18next';
import { formatKarachi, formatSpan } from '../core/time.js';

/** Stored UTC -> what an officer reads: Asia/Karachi, "2026-11-20 23:30". Digits stay Latin in both languages. */
export function showTime(iso: string | undefined | null): string {
  return iso ? formatKarachi(iso) : '';
}

/** Masks a name for lists that others may see (JJSA s.13): first letter of each word. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${[...word][0]}${'•'.repeat(Math.min(4, Math.max(1, [...word].length - 1)))}`)
    .join(' ');
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
