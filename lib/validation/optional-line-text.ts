import { z } from "@/lib/validation/zod";
import { BIDI_CONTROLS, BIDI_MESSAGE, CONTROL_CHARACTERS, isStorableText } from "./stored-text";

// An optional one-line text: trimmed, empty (or absent) means none (null).
// Like singleLineText, no line breaks or control characters (it lands in
// audit details, CSV exports and notifications), never cut: a longer value
// is refused with a message.
export function optionalLineText(options: { max: number }) {
  return z
    .union([z.string({ error: "Enter text." }), z.null(), z.undefined()], { error: "Enter text." })
    .transform((value) => value?.trim() ?? "")
    .pipe(
      z
        .string()
        .max(options.max, `Use at most ${options.max} characters.`)
        .refine((value) => !CONTROL_CHARACTERS.test(value), "Line breaks and control characters are not allowed.")
        .refine((value) => !BIDI_CONTROLS.test(value), BIDI_MESSAGE)
        .refine(isStorableText, "This text has a character that cannot be stored."),
    )
    .transform((value) => value || null);
}
