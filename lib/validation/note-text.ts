import { z } from "@/lib/validation/zod";
import { BIDI_CONTROLS, BIDI_MESSAGE, isStorableText } from "./stored-text";

// Free text of a few lines (a reason, a note): line breaks and tabs allowed,
// other control characters refused.
export function noteText(options: { required?: string; max: number }) {
  const text = z
    .string({ error: options.required ?? "Enter some text." })
    .trim()
    .max(options.max, `Use at most ${options.max} characters.`)
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(value), "Control characters are not allowed.")
    .refine((value) => !BIDI_CONTROLS.test(value), BIDI_MESSAGE)
    .refine(isStorableText, "This text has a character that cannot be stored.");
  return options.required ? text.pipe(z.string().min(1, options.required)) : text;
}
