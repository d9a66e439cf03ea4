// REAUTH_REQUIRED: the action needs a recent re-authentication of this
// session (lib/auth/reauthentication-rules.ts); the browser asks for the
// password and tries again. SECOND_FACTOR_REQUIRED: the password was right
// and the account has a second factor; the sign-in form asks for a code.
export type ErrorCode =
  | "INVALID_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "SETUP_COMPLETE"
  | "REAUTH_REQUIRED"
  | "SECOND_FACTOR_REQUIRED";

export type FieldErrors = Record<string, string[] | undefined>;

// The one error type whose message may reach a user. Anything else is shown
// as a generic failure and logged in full on the server.
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }
}

// Refused for now; the caller may answer 429 with Retry-After.
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("RATE_LIMITED", message);
    this.name = "RateLimitedError";
  }
}

export const GENERIC_ERROR_MESSAGE = "Something went wrong on our side. Try again in a moment.";

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
