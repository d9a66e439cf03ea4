import { z } from "@/lib/validation/zod";
import { newPasswordField } from "./new-password";

// Shared by the form (in the browser) and the action. The token comes from
// the link's fragment, which the page moves into the form at once.
export const passwordLinkInput = z.object({
  token: z.string({ error: "This link is not complete." }).max(200, "This link is not complete."),
  password: newPasswordField(),
});
export type PasswordLinkInput = z.infer<typeof passwordLinkInput>;
