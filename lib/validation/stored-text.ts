// Text a query can carry as given. PostgreSQL refuses NUL in text, and
// Prisma refuses a lone surrogate (half of an emoji's UTF-16 pair) in any
// parameter: either would fail the query, and the user would get "Something
// went wrong" instead of a message about the field.
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}
