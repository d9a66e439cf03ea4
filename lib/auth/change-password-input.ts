import { z } from "@/lib/validation/zod";
import { newPasswordField } from "./new-password";

// Shared by the form (in the browser) and the action.
export const changePasswordInput = z.object({
  currentPassword: z
    .string({ error: "Enter your current password." })
    .min(1, "Enter your current password.")
    .max(256, "A password has at most 256 characters."),
  newPassword: newPasswordField("Choose a new password."),
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
