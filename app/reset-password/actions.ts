"use server";

import { describePasswordLinkOrRefuse, setPasswordWithLink } from "@/lib/auth/password-link";
import { runPublic } from "@/lib/auth/run-public";

// Whose password an emailed reset link resets (public: the link is the proof).
export async function describeResetLinkAction(token: unknown) {
  return runPublic(() => describePasswordLinkOrRefuse(token, "RESET_PASSWORD"));
}

// Chooses a new password with the emailed one-time reset link; every
// session of the account ends (public: the link is the proof).
export async function resetPasswordAction(input: unknown) {
  return runPublic((request) => setPasswordWithLink({ purpose: "RESET_PASSWORD", input, ...request }));
}
