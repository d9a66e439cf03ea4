import { z } from "@/lib/validation/zod";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// A password someone chooses (first-run setup, a set-password or reset link,
// a change): its length, checked in the browser and again on the server.
// The server also refuses common passwords (lib/auth/password-policy.ts),
// which is too big a list to send to the browser.
export function newPasswordField(missing = "Choose a password.") {
  return z
    .string({ error: missing })
    .min(1, missing)
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`)
    .superRefine((password, context) => {
      const problem = newPasswordShapeProblem(password);
      if (problem) context.addIssue({ code: "custom", message: problem });
    });
}

export const NEW_PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words are easy to remember and hard to guess.`;

// A pasted line break or a control character is almost always a mistake the
// person cannot see; a broken UTF-16 pair would be hashed as something else.
export function newPasswordShapeProblem(password: string): string | null {
  if (/[\u0000-\u001f\u007f]/.test(password)) return "A password cannot contain line breaks, tabs or other control characters.";
  if (!password.isWellFormed()) return "This password has a broken character in it. Type it again.";
  return null;
}
