import { z } from "@/lib/validation/zod";
import { emailField } from "./sign-in-input";

// Shared by the "Forgot password?" form (in the browser) and the action.
export const forgotPasswordInput = z.object({ email: emailField });
