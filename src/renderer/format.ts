import type { TFunction } from 'i18next';
import { formatKarachi } from '../core/time.js';

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
