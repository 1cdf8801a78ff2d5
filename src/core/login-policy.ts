/**
 * How long a user must wait after repeated wrong passphrases. Three slips are free (keyboard left in Urdu,
 * caps lock); after that the wait doubles from 5 s up to 5 minutes, which makes guessing at the desk useless
 * without locking an officer out for a whole shift.
 */
export const FREE_ATTEMPTS = 3;
const FIRST_DELAY_SECONDS = 5;
const MAX_DELAY_SECONDS = 300;

export function lockoutSeconds(consecutiveFailures: number): number {
  if (consecutiveFailures < FREE_ATTEMPTS) return 0;
  const doublings = consecutiveFailures - FREE_ATTEMPTS;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** doublings);
}

/**
 * Seconds still to wait at `now`, given the failure count and when the last failure happened. A failure time
 * in the future counts as now, so the wait is never longer than the delay itself.
 */
export function secondsUntilRetry(consecutiveFailures: number, lastFailureAt: Date, now: Date): number {
  const last = Math.min(lastFailureAt.getTime(), now.getTime());
  const waitUntil = last + lockoutSeconds(consecutiveFailures) * 1000;
  return Math.max(0, Math.ceil((waitUntil - now.getTime()) / 1000));
}

/** Attempts still running (passphrase being checked) older than this are from a process that died; ignore them. */
export const IN_FLIGHT_TTL_SECONDS = 60;

export type AttemptHistory = {
  /** Consecutive wrong passphrases, and when the last one happened. */
  failures?: { count: number; lastAt: string };
  /** When each attempt still being checked began (every attempt counts before its answer is known). */
  inFlight?: readonly string[];
};

/**
 * Seconds a new attempt must wait, counting each attempt that has begun, not only those that failed: three
 * guesses sent at once are three attempts, so a fourth waits. A time in the future (the PC's clock was ahead
 * when it was written, then corrected) counts as now, so a clock fix never locks a user out for days.
 */
export function secondsBeforeNextAttempt(history: AttemptHistory, now: Date): number {
  const capped = (iso: string) => Math.min(new Date(iso).getTime() || 0, now.getTime());
  const running = (history.inFlight ?? []).map(capped).filter((at) => now.getTime() - at < IN_FLIGHT_TTL_SECONDS * 1000);
  const count = (history.failures?.count ?? 0) + running.length;
  if (count === 0) return 0;
  const last = Math.max(history.failures ? capped(history.failures.lastAt) : 0, ...running);
  return secondsUntilRetry(count, new Date(last), now);
}

export const MIN_PASSPHRASE_LENGTH = 10;

export function isAcceptablePassphrase(passphrase: string): boolean {
  return [...passphrase].length >= MIN_PASSPHRASE_LENGTH;
}
