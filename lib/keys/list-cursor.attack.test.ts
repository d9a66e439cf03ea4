import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyOrder, orderParts } from "./key-order";
import { decodeListCursor, encodeListCursor, listCursorBinding } from "./list-cursor";
import { parseListKeysQuery } from "./list-keys-query";

const secret = "unit-test-secret";
const query = parseListKeysQuery({});
const binding = listCursorBinding("org_mine", query);
const parts = orderParts(keyOrder(query.sort, query.dir));
const position = { direction: "next" as const, values: ["2026-11-28 14:00:00.123"], id: "ckey0001", offset: 25 };
const good = encodeListCursor(position, { secret, binding });
const decode = (token: string) => decodeListCursor(token, { secret, binding, parts });

// Signs any payload exactly as the server does (same key derivation), to show
// the payload's schema holds even behind a valid signature.
function signed(body: string): string {
  const encoded = Buffer.from(body).toString("base64url");
  const key = createHmac("sha256", secret).update("secret-keys/list-cursor/v1").digest();
  return `${encoded}.${createHmac("sha256", key).update(`${binding}\n${encoded}`).digest("base64url")}`;
}

describe("list cursors under attack", () => {
  it("the signing helper matches the server's, so the refusals below are the schema's", () => {
    expect(decode(signed('{"d":"n","v":["2026-11-28 14:00:00.123"],"i":"ckey0001","o":25}'))).toEqual(position);
  });

  it("a cursor of another organization is refused, though well signed", () => {
    expect(decode(encodeListCursor(position, { secret, binding: listCursorBinding("org_theirs", query) }))).toBeNull();
  });

  it("an edited body or signature is refused", () => {
    const [body, signature] = good.split(".");
    const edited = Buffer.from(Buffer.from(body, "base64url").toString().replace("ckey0001", "ckey0002")).toString("base64url");
    expect(decode(`${edited}.${signature}`)).toBeNull();
    expect(decode(`${body}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(decode(`${body}.`)).toBeNull();
  });

  it("a cursor signed with another secret is refused", () => {
    expect(decode(encodeListCursor(position, { secret: "another secret", binding }))).toBeNull();
  });

  it("garbage, huge strings, control characters and prototype keys are refused, never thrown", () => {
    for (const token of [
      "",
      ".",
      "a.b",
      "__proto__",
      "constructor",
      "x".repeat(100_000),
      `${good}\u0000`,
      `${good}%00`,
      good.replace(".", ".."),
      `\u202e${good}`,
    ]) {
      expect(decode(token), token.slice(0, 40)).toBeNull();
    }
  });

  it("a signed payload must still fit: extra keys, __proto__, wrong types, SQL in values, wrong part count", () => {
    const payloads = [
      '{"d":"n","v":["2026-11-28 14:00:00"],"i":"ckey","o":0,"__proto__":{"admin":true}}',
      '{"d":"n","v":["2026-11-28 14:00:00"],"i":"ckey","o":0,"constructor":"x"}',
      '{"d":"n","v":["\'; DROP TABLE \\"SecretKey\\"; --"],"i":"ckey","o":0}',
      '{"d":"n","v":["2026-11-28 14:00:00"],"i":"\' OR 1=1 --","o":0}',
      '{"d":"n","v":["2026-11-28 14:00:00"],"i":"ckey","o":-1}',
      '{"d":"n","v":["2026-11-28 14:00:00"],"i":"ckey","o":1.5}',
      '{"d":"x","v":["2026-11-28 14:00:00"],"i":"ckey","o":0}',
      '{"d":"n","v":["2026-11-28 14:00:00","extra"],"i":"ckey","o":0}',
      '{"d":"n","v":[5],"i":"ckey","o":0}',
      '{"d":"n","v":["2026-11-28 14:00:00\\u0000"],"i":"ckey","o":0}',
      "not json",
      "null",
      "[]",
    ];
    for (const payload of payloads) expect(decode(signed(payload)), payload).toBeNull();
  });
});
