// Text a query can carry as given. PostgreSQL refuses NUL in text, and
// Prisma refuses a lone surrogate (half of an emoji's UTF-16 pair) in any
// parameter: either would fail the query, and the user would get "Something
// went wrong" instead of a message about the field.
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

// Characters that reorder how the text around them is shown (right-to-left
// overrides and isolates): a name like "invoice\u202Egpj.exe" would read as
// something it is not in the panel, an email or an export.
export const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
export const BIDI_MESSAGE = "Text-direction control characters are not allowed.";

// C0 and C1 control characters (the latter arrive in HTTP headers, read as
// Latin-1; U+009B is a terminal's escape): never kept in text others read.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
export const ALL_CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTERS.source, "g");
