import fc from "fast-check";
import { hostileString, hostileValue, INHERITED_NAMES } from "./fuzz";

// Bodies for POST /api/v1/keys/verify, shared by the parser's unit fuzz and
// the endpoint's: from plain bytes to objects of the real field names with
// hostile values. `key` is always in the mix so a test can check it is never echoed.

const FIELD_NAMES = ["key", "scope", "action", "client"];

export const secretLike = fc.stringMatching(/^skml_(live|stage|dev|ci)_[0-9A-Za-z]{46}$/);
const mostly = <T>(valid: fc.Arbitrary<T>, odd: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: valid }, odd);
const scope = mostly(fc.constantFrom("dataset", "training", "deployment"), fc.constantFrom("DATASET", "Dataset", ...INHERITED_NAMES));
const action = mostly(fc.constantFrom("read", "write", "annotate"), fc.constantFrom("READ", "delete", ...INHERITED_NAMES));
const ipAddress = mostly(fc.oneof(fc.ipV4(), fc.ipV6()), fc.oneof(fc.constantFrom("::", "1.2.3", "::ffff:1.2.3.4", "0".repeat(46)), hostileString));
const userAgent = mostly(fc.string({ maxLength: 510 }), hostileString);

// As a JSON text: BigInts become numbers, what JSON cannot hold becomes null.
const json = (value: unknown) => JSON.stringify(value, (_name, inner) => (typeof inner === "bigint" ? Number(inner) : inner)) ?? "null";

// A JSON object written as raw text, so keys may repeat (JSON.parse keeps
// the last) and "__proto__" is an own member, as on the wire.
export const rawObject = (members: fc.Arbitrary<[string, unknown][]>) =>
  members.map((pairs) => `{${pairs.map(([name, value]) => `${JSON.stringify(name)}:${json(value)}`).join(",")}}`);

const client = fc.oneof(
  { weight: 3, arbitrary: fc.record({ ipAddress, userAgent }, { requiredKeys: [] }) },
  rawObject(fc.array(fc.tuple(fc.constantFrom("ipAddress", "userAgent", "__proto__", "constructor"), fc.oneof(ipAddress, hostileValue)), { maxLength: 4 })).map(
    (text) => JSON.parse(text) as unknown,
  ),
  hostileValue,
);

const member = (key: fc.Arbitrary<string>): fc.Arbitrary<[string, unknown]> =>
  fc.oneof(
    fc.tuple(fc.constant("key"), fc.oneof(key, hostileValue)),
    fc.tuple(fc.constant("scope"), fc.oneof(scope, hostileValue)),
    fc.tuple(fc.constant("action"), fc.oneof(action, hostileValue)),
    fc.tuple(fc.constant("client"), client),
    fc.tuple(fc.oneof(fc.constantFrom(...INHERITED_NAMES, ...FIELD_NAMES), hostileString), hostileValue),
  );

// A body with the real field names, mostly well-formed, as raw JSON text.
export function verifyBody(key: fc.Arbitrary<string> = secretLike): fc.Arbitrary<string> {
  const wellFormed = fc
    .record({ key: mostly(key, hostileValue), scope, action, client: fc.option(client, { nil: undefined, freq: 2 }) })
    .map((fields) => Object.entries(fields).filter(([, value]) => value !== undefined) as [string, unknown][]);
  const duplicated = fc.tuple(wellFormed, fc.array(member(key), { minLength: 1, maxLength: 3 })).map(([pairs, more]) => [...pairs, ...more]);
  return fc.oneof({ weight: 3, arbitrary: rawObject(wellFormed) }, rawObject(duplicated), rawObject(fc.array(member(key), { maxLength: 6 })));
}

// Anything at all as the body text: bytes read as UTF-8, any JSON, nesting.
export const anyBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString("utf8")),
  fc.json(),
  fc.jsonValue().map(json),
  hostileString,
  fc.integer({ min: 1, max: 3_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
  fc.integer({ min: 1, max: 3_000 }).map((depth) => '{"key":'.repeat(depth) + "1" + "}".repeat(depth)),
);
