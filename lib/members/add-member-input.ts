import { z } from "zod";
import { emailField } from "@/lib/auth/sign-in-input";
import { MIN_PASSWORD_LENGTH } from "@/lib/setup/setup-input";

export const ASSIGNABLE_ROLES = ["OWNER", "ADMIN", "SECURITY", "MEMBER"] as const;

export const addMemberInput = z.object({
  name: z
    .string({ error: "Enter their name." })
    .trim()
    .min(1, "Enter their name.")
    .max(100, "Use at most 100 characters.")
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "Line breaks and control characters are not allowed."),
  email: emailField,
  role: z.enum(ASSIGNABLE_ROLES, { error: "Choose a role." }),
  password: z
    .string({ error: "Set a first password." })
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(256, "Use at most 256 characters."),
});
export type AddMemberInput = z.infer<typeof addMemberInput>;
