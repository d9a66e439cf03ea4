"use server";

import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { runPublic } from "@/lib/auth/run-public";

// "Forgot password?": emails a reset link when the email has an account; the
// answer is the same either way (public; limited per email and address).
export async function requestPasswordResetAction(input: unknown) {
  return runPublic((request) => requestPasswordReset({ input, ...request }));
}
