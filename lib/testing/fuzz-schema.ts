import fc from "fast-check";
import { expect } from "vitest";
import type { ZodType } from "zod";
import { fuzzOptions, isStorableText, orAnything, zodOutcome } from "./fuzz";

// A schema under fuzzing, fed its own field names with odd values and
// anything at all: it accepts or throws a ZodError (never another
// exception), and what it accepts lies in its documented domain. Returns how
// many inputs it accepted, so a test can tell the fuzz got past refusals.
export function checkSchema<T>(schema: ZodType<T>, inputs: fc.Arbitrary<unknown>, inDomain: (data: T) => void, numRuns = 300): number {
  let accepted = 0;
  fc.assert(
    fc.property(orAnything(inputs), (input) => {
      const outcome = zodOutcome(schema, input);
      if (!outcome.ok) return;
      accepted++;
      inDomain(outcome.data);
    }),
    fuzzOptions(numRuns),
  );
  return accepted;
}

// Length as zod counts it: in code points, so "𝕏" is one character, not two.
export const characters = (text: string) => [...text].length;

// Text a database column or an audit event's JSON details will hold.
export function expectStorable(text: unknown): void {
  expect(typeof text).toBe("string");
  expect(isStorableText(text as string), `not storable: ${JSON.stringify(text)}`).toBe(true);
}

// A trimmed, required, one-line name of at most max characters.
export function expectSingleLine(text: unknown, max: number): void {
  expectStorable(text);
  const value = text as string;
  expect(value).toBe(value.trim());
  expect(characters(value)).toBeGreaterThanOrEqual(1);
  expect(characters(value)).toBeLessThanOrEqual(max);
  expect(value).not.toMatch(/[\u0000-\u001f\u007f]/);
}

// A trimmed record id of 1 to 64 characters that a query can carry.
export function expectId(text: unknown): void {
  expectStorable(text);
  expect(characters(text as string)).toBeGreaterThanOrEqual(1);
  expect(characters(text as string)).toBeLessThanOrEqual(64);
  expect(text).toBe((text as string).trim());
}

export const idLike = fc.oneof(fc.stringMatching(/^c[a-z0-9]{24}$/), fc.string({ minLength: 1, maxLength: 70 }));
const plainName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,98}$/);
// Mostly fine names, some with one odd code unit that a line check lets through.
export const nameLike = fc.oneof(
  { weight: 3, arbitrary: plainName },
  fc.string({ maxLength: 110 }),
  fc.string({ unit: "binary", maxLength: 110 }),
  fc.tuple(plainName, fc.constantFrom("\ud800", "\udfff", "\ufffe", "\u2028", "\u0085")).map(([name, odd]) => `${name}${odd}`),
);
export const emailLike = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9]{1,12}(\.[a-z0-9+_-]{1,8})?@[a-z0-9]{1,10}\.(test|com)$/) },
  fc.emailAddress(),
  fc.emailAddress().map((email) => ` ${email.toUpperCase()} `),
  fc.string({ maxLength: 20 }).map((local) => `${local}@example.test`),
);
export const passwordLike = fc.oneof(fc.string({ minLength: 10, maxLength: 260 }), fc.string({ unit: "binary", minLength: 10, maxLength: 260 }));

// An email address as the forms store it: trimmed, lower-cased, at most 254 characters.
export function expectEmail(text: unknown): void {
  expectStorable(text);
  const value = text as string;
  expect(value).toBe(value.trim().toLowerCase());
  expect(characters(value)).toBeLessThanOrEqual(254);
  expect(value).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
}
