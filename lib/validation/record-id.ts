import { z } from "@/lib/validation/zod";
import { isStorableText } from "./stored-text";

// The id of a row, as a form or a link sends it; looked up, never trusted.
export function recordId(messages: { missing: string; invalid: string }) {
  return z.string({ error: messages.missing }).trim().min(1, messages.missing).max(64, messages.invalid).refine(isStorableText, messages.invalid);
}
