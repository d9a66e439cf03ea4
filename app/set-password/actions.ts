"use server";

import { describePasswordLinkOrRefuse, setPasswordWithLink } from "@/lib/auth/password-link";
import { runPublic } from "@/lib/auth/run-public";

// Whose password a set-password link sets (public: the link is the proof).
export async function describeSetPasswordLinkAction(token: unknown) {
  return runPublic(() => describePasswordLinkOrRefuse(token, "SET_PASSWORD"));
}

// Chooses the first password of an account an owner added, with the
// one-time link they were given (public: the link is the proof).
export async function setPasswordAction(input: unknown) {
  return runPublic((request) => setPasswordWithLink({ purpose: "SET_PASSWORD", input, ...request }));
}
