import { describe, expect, it } from "vitest";
import { bearerToken, isJsonInUtf8, parseVerifyBody } from "./verify-request";

const KEY = "skml_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa000000";

describe("parseVerifyBody", () => {
  it("accepts the documented shape, with an optional client", () => {
    expect(parseVerifyBody(JSON.stringify({ key: KEY, scope: "dataset", action: "annotate" }))).toEqual({
      ok: true,
      request: { key: KEY, scope: "DATASET", action: "annotate" },
    });
    expect(
      parseVerifyBody(JSON.stringify({ key: KEY, scope: "training", action: "read", client: { ipAddress: "2001:db8::1", userAgent: "sdk/2" } })),
    ).toMatchObject({ ok: true, request: { scope: "TRAINING", client: { ipAddress: "2001:db8::1", userAgent: "sdk/2" } } });
  });

  it.each([
    ["::ffff:198.18.0.7", "198.18.0.7"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["198.18.0.7", "198.18.0.7"],
  ])("keeps a client address in one spelling: %s as %s", (given, kept) => {
    const parsed = parseVerifyBody(JSON.stringify({ key: KEY, scope: "dataset", action: "read", client: { ipAddress: given } }));
    expect(parsed).toMatchObject({ ok: true, request: { client: { ipAddress: kept } } });
  });

  it.each<[string, string, RegExp]>([
    ["not JSON", "key=abc", /must be JSON/],
    ["an array", "[]", /JSON object/],
    ["null", "null", /JSON object/],
    ["no key", JSON.stringify({ scope: "dataset", action: "read" }), /"key"/],
    ["a numeric key", JSON.stringify({ key: 5, scope: "dataset", action: "read" }), /"key"/],
    ["an unknown scope", JSON.stringify({ key: KEY, scope: "DATASET", action: "read" }), /"scope"/],
    ["an unknown action", JSON.stringify({ key: KEY, scope: "dataset", action: "delete" }), /"action"/],
    ["an extra field", JSON.stringify({ key: KEY, scope: "dataset", action: "read", admin: true }), /Unknown field: "admin"/],
    ["a bad client address", JSON.stringify({ key: KEY, scope: "dataset", action: "read", client: { ipAddress: "<script>" } }), /ipAddress/],
    ...["....", "ffff", "abcdef", "1.2.3.4.5.6", "198.18.0.07", "0198.18.0.7", "1::2::3", "fe80::1%eth0"].map((ipAddress): [string, string, RegExp] => [
      `a client address of ${ipAddress}`,
      JSON.stringify({ key: KEY, scope: "dataset", action: "read", client: { ipAddress } }),
      /ipAddress/,
    ]),
  ])("refuses %s with a clear message that never echoes the key", (_label, body, message) => {
    const result = parseVerifyBody(body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.message).not.toContain(KEY);
    }
  });
});

describe("bearerToken", () => {
  it("reads a bearer token and nothing else", () => {
    expect(bearerToken(`Bearer ${KEY}`)).toBe(KEY);
    expect(bearerToken(`bearer   ${KEY} `)).toBe(KEY);
    expect(bearerToken(`Basic ${KEY}`)).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
  });
});

describe("isJsonInUtf8", () => {
  it.each([
    "application/json",
    "Application/JSON",
    "application/json; charset=utf-8",
    'application/json;charset="UTF-8"',
    "application/json; charset=utf8",
    "application/json; foo=bar",
  ])("accepts %j", (type) => expect(isJsonInUtf8(type)).toBe(true));
  it.each([
    undefined,
    "",
    "text/plain",
    "application/jsonx",
    "application/x-www-form-urlencoded",
    "application/json; charset=utf-16",
    "application/json;charset=UTF-16LE",
    'application/json; charset="latin1"',
    "application/json; foo=bar; charset=iso-8859-1",
  ])("refuses %j", (type) => expect(isJsonInUtf8(type)).toBe(false));
});
