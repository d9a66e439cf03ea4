import fc from "fast-check";
import { ZodError, type ZodType } from "zod";

// Every property starts from this fixed seed, so a run is the same on every
// machine. A failing property prints its counterexample with "seed" and
// "path"; to replay it, run that one test with both:
//   FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run --project <unit|integration> <file> -t "<test name>"
// FUZZ_SEED=<any other number> alone explores new inputs.
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_128);

export function fuzzOptions(numRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns, ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) };
}

const char = (min: number, max: number) => fc.integer({ min, max }).map((code) => String.fromCharCode(code));

// Names an object literal inherits, which a lookup table built from one finds.
export const INHERITED_NAMES = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "__defineGetter__"];

const ODD_STRINGS = [
  "",
  " ",
  "\t",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83d",
  "\u2028",
  "\u202e",
  "\ufeff",
  "\u00a0",
  "𝕏",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "[]",
  "{}",
  "%00",
  "' OR '1'='1",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "${7*7}",
  "\r\nX-Injected: 1",
  "DATASET",
  "dataset",
  "OWNER",
];
// Lengths just around the limits the schemas set (ids, names, emails, notes, messages).
const NEAR_LIMITS = [1, 2, 44, 45, 46, 63, 64, 65, 99, 100, 101, 253, 254, 255, 256, 257, 499, 500, 501, 1999, 2000, 2001, 8_193, 100_000];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INHERITED_NAMES, ...ODD_STRINGS),
  fc.string({ unit: "binary" }),
  // Any UTF-16 code unit: lone surrogates, control characters, NUL.
  fc.string({ unit: char(0, 0xffff) }),
  fc.string({ unit: fc.oneof(char(0, 0x1f), char(0x7f, 0x9f), fc.constant("a")) }),
  fc.tuple(fc.oneof(fc.constantFrom("a", " ", "é", "𝕏", "\u0000", "\ud800"), char(0, 0xffff)), fc.constantFrom(...NEAR_LIMITS)).map(([c, n]) => c.repeat(n)),
);

const hostileNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.double(),
  fc.integer(),
);

// Objects built fresh each time: a test must never see another's mutation.
const hostileObject = fc
  .constantFrom(
    () => JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    () => JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
    () => ({ toString: 1, valueOf: "x" }),
    () => ({
      toString: () => {
        throw new Error("toString called");
      },
    }),
    () => Object.create(null),
    () => new Date(NaN),
    () => new Date(8.64e15),
    () => [],
    () => [[]],
    () => new Map([["__proto__", 1]]),
    () => new Set(["a"]),
    () => new Uint8Array([0, 255]),
    () => Symbol("s"),
  )
  .map((make) => make() as unknown);

const deepArray = fc.integer({ min: 1, max: 2_000 }).map((depth) => {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
});

const anythingAtAll = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  withTypedArray: true,
  withSparseArray: true,
  stringUnit: "binary",
  maxDepth: 3,
});

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  hostileNumber,
  fc.constantFrom(true, false, null, undefined),
  fc.bigInt(),
  hostileObject,
  deepArray,
  fc.array(hostileString, { maxLength: 5 }),
  { weight: 2, arbitrary: anythingAtAll },
);

// An input as a form would send it, or anything at all in its place.
export const orAnything = (inputs: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: inputs }, hostileValue);

const MISSING = Symbol("missing");

// A record of a schema's real field names: each field valid (mostly),
// hostile or missing, sometimes with a stray field (an inherited name among
// them) set as an own property.
export function fieldsOf(valid: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const field = (arbitrary: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 8, arbitrary }, { weight: 1, arbitrary: hostileValue }, { weight: 1, arbitrary: fc.constant(MISSING) });
  const fields = fc.tuple(...Object.entries(valid).map(([name, arbitrary]) => field(arbitrary).map((value) => [name, value] as const)));
  const strays = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...INHERITED_NAMES), hostileString), hostileValue), { maxLength: 2 });
  return fc.tuple(fields, fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, strays)).map(([entries, extra]) => {
    const record: Record<string, unknown> = {};
    for (const [name, value] of [...entries, ...extra]) {
      if (value !== MISSING) Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return record;
  });
}

// What a zod schema does with an input: its output, or a ZodError. Any
// other exception escapes (an action would answer "Something went wrong").
export function zodOutcome<T>(schema: ZodType<T>, input: unknown): { ok: true; data: T } | { ok: false; error: ZodError } {
  try {
    return { ok: true, data: schema.parse(input) };
  } catch (error) {
    if (error instanceof ZodError) return { ok: false, error };
    throw error;
  }
}

// Text PostgreSQL stores as given: no NUL (text refuses it) and no lone
// surrogate (jsonb refuses one; text silently turns it into U+FFFD).
export const isStorableText = (text: string) => !text.includes("\u0000") && text.isWellFormed();

// Every string in a parsed value, object keys included.
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object" && !(value instanceof Date)) return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsIn(inner)]);
  return [];
}

// The built-in prototypes' own property names, to compare before and after a run.
export function prototypeSnapshot(): string[] {
  return [Object.prototype, Array.prototype, String.prototype, Function.prototype].map((proto) => Object.getOwnPropertyNames(proto).sort().join(","));
}
