import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;
// One step either side: a phone clock up to 30 s off, or a code typed as it
// changed, still works.
const WINDOW = 1;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label = "", issuer = "Secret Keys"): TOTP {
  return new TOTP({ issuer, label, algorithm: "SHA1", digits: DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

// What an authenticator app scans: otpauth://totp/Secret%20Keys:<email>?...
export function totpUri(options: { secret: string; accountName: string; issuer: string }): string {
  return totpFor(options.secret, options.accountName, options.issuer).toString();
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

// A code as people type it: spaces and dashes dropped.
export function normalizeTotpCode(code: string): string {
  return code.replace(/[\s-]/g, "");
}

export const TOTP_CODE_PATTERN = /^\d{6}$/;

// The time step a code belongs to (within the window), or null. A step at or
// before lastUsedStep is refused: each code is accepted once.
export function matchTotpCode(options: { secret: string; code: string; now: Date; lastUsedStep: number }): number | null {
  const code = normalizeTotpCode(options.code);
  if (!TOTP_CODE_PATTERN.test(code)) return null;
  const delta = totpFor(options.secret).validate({ token: code, timestamp: options.now.getTime(), window: WINDOW });
  if (delta === null) return null;
  const step = totpStep(options.now) + delta;
  return step > options.lastUsedStep ? step : null;
}

// For tests and the e2e "authenticator app".
export function totpCodeAt(secret: string, now: Date): string {
  return totpFor(secret).generate({ timestamp: now.getTime() });
}
