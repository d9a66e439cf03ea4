import { db } from "@/lib/db/client";
import { addressGroup } from "@/lib/net/address-group";
import { AppError, RateLimitedError } from "@/lib/errors";
import { verifyPassword } from "./password";
import { recordSignIn } from "./record-sign-in";
import { isLocalSignInBlocked, SSO_REQUIRED_MESSAGE } from "@/lib/sso/password-sign-in-policy";
import { holdUntilFloor } from "./refusal-floor";
import { findSignInAccount, rememberSignInAddress } from "./sign-in-account";
import { claimSignInAttempt, forgetPairFailures } from "./sign-in-attempts";
import { SECOND_FACTOR_PROMPT, signInInput } from "./sign-in-input";
import { describeWait } from "./sign-in-throttle";
import { hasSecondFactor, verifySecondFactor, type SecondFactorMethod, type SecondFactorProof } from "@/lib/two-factor/second-factor";

// passwordHash: the hash the password was checked against, so the session
// is made only while it is still the account's (see createAuthSession).
export type AuthenticatedUser = { id: string; email: string; name: string; passwordHash: string };

export const INVALID_CREDENTIALS_MESSAGE = "That email and password do not match an account.";

type Defer = (task: () => Promise<void>) => void | Promise<void>;
// Without a defer option, deferred work runs before the refusal (inside the floor).
const runNow: Defer = (task) => task();

// Checks credentials under the sign-in throttle (lib/auth/sign-in-throttle.ts).
// Attempts are stored in the database so every app instance counts the same
// ones. A refusal for a wrong password looks and takes the same for a known
// and an unknown email: same message, same queries, argon2 either way, the
// known account's audit event deferred (the route passes next/server's
// after()), and a common time floor.
export async function authenticate(options: {
  credentials: unknown;
  ipAddress: string;
  userAgent?: string;
  now?: Date;
  defer?: Defer;
  // The benchmark sets 0 to measure what the floor hides.
  refusalFloorMs?: number;
}): Promise<AuthenticatedUser> {
  const parsed = signInInput.safeParse(options.credentials);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0].message);
  const { email, password, code, passkey } = parsed.data;
  // The throttle counts by address group (an IPv6 /64 is one client); the
  // audit log keeps the exact address.
  const ipAddress = addressGroup(options.ipAddress);
  const startedAt = Date.now();
  const now = options.now ?? new Date();

  const { user, fromKnownAddress } = await findSignInAccount({ email, ipAddress, now });
  const attempt = await claimSignInAttempt({ email, ipAddress, fromKnownAddress, now });
  if (!attempt.allowed) {
    const message = `Too many failed sign-ins. Try again in ${describeWait(attempt.retryAfterSeconds)}.`;
    throw new RateLimitedError(message, attempt.retryAfterSeconds);
  }

  // An account still waiting for its first password is checked against the
  // dummy hash like an unknown email, and refused the same way.
  const passwordHash = user?.passwordHash ?? undefined;
  if (!(await verifyPassword(passwordHash, password)) || !user || !passwordHash) {
    if (user) await (options.defer ?? runNow)(() => recordSignIn(user, "auth.sign_in_failed", options));
    await holdUntilFloor(startedAt, options.refusalFloorMs);
    throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS_MESSAGE);
  }
  // A removed member keeps their account (for history) but not their access.
  if ((await db().membership.count({ where: { userId: user.id } })) === 0) {
    throw new AppError("FORBIDDEN", "This account is no longer a member of any organization. Ask an owner to add you again.");
  }
  // While an organization requires SSO, only its break-glass owner signs in
  // with a password (told only to someone who knew the password, before any
  // second factor is asked for).
  if (await isLocalSignInBlocked(user.id)) {
    await forgetPairFailures({ email, ipAddress });
    await recordSignIn(user, "auth.sign_in_failed", options, { method: "password", reason: "SSO required" });
    throw new AppError("FORBIDDEN", SSO_REQUIRED_MESSAGE);
  }
  const secondFactor = await checkSecondFactor({ user, proof: secondFactorProof(code, passkey), email, ipAddress, fromKnownAddress, now, options });
  await forgetPairFailures({ email, ipAddress });
  await rememberSignInAddress({ userId: user.id, ipAddress, now });
  await recordSignIn(user, "auth.sign_in", options, secondFactor ? { secondFactor } : undefined);
  return { id: user.id, email: user.email, name: user.name, passwordHash };
}

// With a second factor on the account, the right password alone asks for a
// code (the password attempt is forgiven: it was right); a wrong code stays
// counted by the sign-in throttle and by the code throttle.
async function checkSecondFactor(context: {
  user: { id: string; name: string; email: string };
  proof: SecondFactorProof | undefined;
  email: string;
  ipAddress: string;
  fromKnownAddress: boolean;
  now: Date;
  options: { ipAddress: string; userAgent?: string; defer?: Defer };
}): Promise<SecondFactorMethod | null> {
  const { user, proof, email, ipAddress, fromKnownAddress, now, options } = context;
  if (!(await hasSecondFactor(user.id))) return null;
  if (!proof) {
    await forgetPairFailures({ email, ipAddress });
    throw new AppError("SECOND_FACTOR_REQUIRED", SECOND_FACTOR_PROMPT);
  }
  try {
    return await verifySecondFactor({ userId: user.id, proof, field: "code", fromKnownAddress, now });
  } catch (error) {
    if (error instanceof AppError && error.code === "INVALID_INPUT") {
      await (options.defer ?? runNow)(() => recordSignIn(user, "auth.second_factor_failed", options));
    }
    throw error;
  }
}

// The second step as the form sends it: a passkey's answer (JSON) or a code.
function secondFactorProof(code: string | undefined, passkey: string | undefined): SecondFactorProof | undefined {
  if (passkey) {
    try {
      return { passkey: JSON.parse(passkey) as unknown, purpose: "sign_in" };
    } catch {
      return { passkey: null, purpose: "sign_in" };
    }
  }
  return code ? { code } : undefined;
}
