/**
 * When the desktop app locks the register by itself. A shared desk PC must not stay open for the next person,
 * but an officer typing a long intake form makes no API call for many minutes and must not lose the session
 * mid-sentence, and a screen that polls (the due board) must not keep it open for ever. So main looks every few
 * seconds at how long the whole PC has had no keyboard or mouse input: idle for the limit -> lock; in use -> the
 * register counts as in use too (main tells the ApiHost, whose own idle rule then never fires mid-form).
 */
export type AutoLockAction = 'lock' | 'keep-alive' | 'none';

export const AUTO_LOCK_MS = 10 * 60_000;
export const AUTO_LOCK_TICK_MS = 15_000;

export function autoLockAction(state: { unlocked: boolean; systemIdleMs: number; limitMs: number }): AutoLockAction {
  if (!state.unlocked) return 'none';
  if (!Number.isFinite(state.systemIdleMs) || state.systemIdleMs < 0) return 'lock';
  return state.systemIdleMs >= state.limitMs ? 'lock' : 'keep-alive';
}
