// Wrong second-factor codes for one account, from any address. The first
// few are free (typos); then each further try waits twice as long as the
// last, up to an hour, so guessing a 6-digit code takes years. The
// per-address sign-in throttle applies on top of this.
export const FREE_WRONG_CODES = 5;
const FIRST_WAIT_SECONDS = 30;
const LONGEST_WAIT_SECONDS = 60 * 60;

export function codeAttemptWait(options: { failedCodes: number; lastFailedAt: Date | null; now: Date }): number {
  const { failedCodes, lastFailedAt, now } = options;
  if (failedCodes < FREE_WRONG_CODES || !lastFailedAt) return 0;
  const wait = Math.min(FIRST_WAIT_SECONDS * 2 ** (failedCodes - FREE_WRONG_CODES), LONGEST_WAIT_SECONDS);
  const elapsed = (now.getTime() - lastFailedAt.getTime()) / 1000;
  return Math.max(0, Math.ceil(wait - elapsed));
}
