import { z } from "@/lib/validation/zod";

export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email({ error: "Enter a valid email address." }));

// The answer to a right password on an account with two-factor sign-in.
export const SECOND_FACTOR_PROMPT = "Confirm it is you: use your passkey, or enter the 6-digit code from your authenticator app or a recovery code.";

export const signInInput = z.object({
  email: emailField,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(256, "A password has at most 256 characters."),
  // The second step, for an account with two-factor sign-in: a code from
  // the authenticator app or a recovery code.
  code: z
    .string({ error: "Enter the code." })
    .trim()
    .max(64, "That code is too long.")
    .optional()
    .transform((code) => code || undefined),
  // Or a passkey's answer (JSON, as @simplewebauthn/browser gives it).
  passkey: z.string().max(65_536, "That passkey answer is too long.").optional(),
});
export type SignInInput = z.infer<typeof signInInput>;
