import { z } from "@/lib/validation/zod";
import { emailField } from "@/lib/auth/sign-in-input";
import { MIN_PASSWORD_LENGTH, newPasswordField } from "@/lib/auth/new-password";
import { singleLineText } from "@/lib/validation/single-line-text";

const requiredText = (label: string, max: number) => singleLineText({ required: `Enter ${label}.`, max });

export { MIN_PASSWORD_LENGTH };

// Shared by the setup form (in the browser) and the setup action.
export const setupInput = z.object({
  organizationName: requiredText("your organization's name", 100),
  name: requiredText("your name", 100),
  email: emailField,
  password: newPasswordField(),
});
export type SetupInput = z.infer<typeof setupInput>;
