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

/** Seconds still to wait at `now`, given the failure count and when the last failure happened. */
export function secondsUntilRetry(consecutiveFailures: number, lastFailureAt: Date, now: Date): number {
  const waitUntil = lastFailureAt.getTime() + lockoutSeconds(consecutiveFailures) * 1000;
  return Math.max(0, Math.ceil((waitUntil - now.getTime()) / 1000));
}

export const MIN_PASSPHRASE_LENGTH = 10;

export function isAcceptablePassphrase(passphrase: string): boolean {
  return [...passphrase].length >= MIN_PASSPHRASE_LENGTH;
}
