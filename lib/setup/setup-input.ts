import { z } from "@/lib/validation/zod";
import { emailField } from "@/lib/auth/sign-in-input";
import { singleLineText } from "@/lib/validation/single-line-text";

const requiredText = (label: string, max: number) => singleLineText({ required: `Enter ${label}.`, max });

export const MIN_PASSWORD_LENGTH = 12;

// Shared by the setup form (in the browser) and the setup action.
export const setupInput = z.object({
  organizationName: requiredText("your organization's name", 100),
  name: requiredText("your name", 100),
  email: emailField,
  password: z
    .string({ error: "Choose a password." })
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(256, "Use at most 256 characters."),
});
export type SetupInput = z.infer<typeof setupInput>;
