import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { addressGroup } from "@/lib/net/address-group";
import { verifyPasskeyAssertion } from "@/lib/passkeys/verify-passkey";
import { isLocalSignInBlocked, SSO_REQUIRED_MESSAGE } from "@/lib/sso/password-sign-in-policy";
import { recordSignIn } from "./record-sign-in";
import { rememberSignInAddress } from "./sign-in-account";

// Signs in with a passkey alone: it names its user and verified them (PIN or
// biometrics), so it stands for both the password and a second factor. The
// answer is JSON as the browser sent it.
export async function signInWithPasskey(options: {
  answer: string | undefined;
  ipAddress: string;
  userAgent?: string;
  now?: Date;
}): Promise<{ id: string; email: string; name: string }> {
  const now = options.now ?? new Date();
  let proof: unknown = null;
  try {
    proof = JSON.parse(options.answer ?? "null");
  } catch {
    // A malformed answer is refused below like any wrong one.
  }
  const { userId } = await verifyPasskeyAssertion({ proof, purpose: "sign_in", now });
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true } });
  if ((await db().membership.count({ where: { userId } })) === 0) {
    throw new AppError("FORBIDDEN", "This account is no longer a member of any organization. Ask an owner to add you again.");
  }
  // Requiring SSO covers a passkey alone too: only the break-glass owner
  // keeps the panel's own ways in.
  if (await isLocalSignInBlocked(userId)) {
    await recordSignIn(user, "auth.sign_in_failed", options, { method: "passkey", reason: "SSO required" });
    throw new AppError("FORBIDDEN", SSO_REQUIRED_MESSAGE);
  }
  await rememberSignInAddress({ userId, ipAddress: addressGroup(options.ipAddress), now });
  await recordSignIn(user, "auth.sign_in", options, { method: "passkey" });
  return user;
}
