import { z } from "@/lib/validation/zod";
import { emailField } from "@/lib/auth/sign-in-input";
import { MIN_PASSWORD_LENGTH } from "@/lib/setup/setup-input";
import { singleLineText } from "@/lib/validation/single-line-text";

export const ASSIGNABLE_ROLES = ["OWNER", "ADMIN", "SECURITY", "MEMBER"] as const;

export const addMemberInput = z.object({
  name: singleLineText({ required: "Enter their name.", max: 100 }),
  email: emailField,
  role: z.enum(ASSIGNABLE_ROLES, { error: "Choose a role." }),
  password: z
    .string({ error: "Set a first password." })
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(256, "Use at most 256 characters."),
});
export type AddMemberInput = z.infer<typeof addMemberInput>;
