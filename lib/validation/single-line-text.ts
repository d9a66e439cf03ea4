import { z } from "@/lib/validation/zod";
import { BIDI_CONTROLS, BIDI_MESSAGE, CONTROL_CHARACTERS, isStorableText } from "./stored-text";

// A required, trimmed, one-line name: no line breaks or control characters,
// so a name can never forge a line in a log, a CSV file or a report.
export function singleLineText(options: { required: string; max: number }) {
  return z
    .string({ error: options.required })
    .trim()
    .min(1, options.required)
    .max(options.max, `Use at most ${options.max} characters.`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), "Line breaks and control characters are not allowed.")
    .refine((value) => !BIDI_CONTROLS.test(value), BIDI_MESSAGE)
    .refine(isStorableText, "This text has a character that cannot be stored.");
}
