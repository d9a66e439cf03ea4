import { z } from "@/lib/validation/zod";
import { emailField } from "@/lib/auth/sign-in-input";
import { singleLineText } from "@/lib/validation/single-line-text";
import { recordId } from "@/lib/validation/record-id";

export const ASSIGNABLE_ROLES = ["OWNER", "ADMIN", "SECURITY", "MEMBER"] as const;

// No password: the new member chooses their own through a one-time link.
export const addMemberInput = z.object({
  name: singleLineText({ required: "Enter their name.", max: 100 }),
  email: emailField,
  role: z.enum(ASSIGNABLE_ROLES, { error: "Choose a role." }),
});
export type AddMemberInput = z.infer<typeof addMemberInput>;

export const passwordLinkForMemberInput = z.object({ membershipId: recordId({ missing: "Missing member.", invalid: "Unknown member." }) });
