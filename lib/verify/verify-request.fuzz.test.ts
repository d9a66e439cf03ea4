import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTIONS, SCOPES } from "@/lib/keys/key-model";
import { fuzzOptions, prototypeSnapshot } from "@/lib/testing/fuzz";
import { anyBodyText, secretLike, verifyBody } from "@/lib/testing/verify-body-arbitraries";
import { parseVerifyBody } from "./verify-request";

const CONTROL = /[\u0000-\u001f\u007f]/;

// What an accepted body may hold: exactly the documented fields and values.
function expectInDomain(text: string, request: ReturnType<typeof parseVerifyBody> & { ok: true }) {
  const { key, scope, action, client, ...rest } = request.request;
  expect(rest).toEqual({});
  expect(typeof key === "string" && key.length > 0).toBe(true);
  expect(SCOPES).toContain(scope);
  expect(ACTIONS).toContain(action);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(Object.keys(body).every((name) => ["key", "scope", "action", "client"].includes(name))).toBe(true);
  if (client === undefined) return;
  expect(Object.keys(client).every((name) => name === "ipAddress" || name === "userAgent")).toBe(true);
  if (client.ipAddress !== undefined) expect(client.ipAddress).toMatch(/^[0-9A-Fa-f:.]{2,45}$/);
  if (client.userAgent !== undefined) expect(client.userAgent.length <= 500 && !CONTROL.test(client.userAgent)).toBe(true);
}

let accepted = 0;

function check(text: string) {
  const parsed = parseVerifyBody(text);
  if (parsed.ok) return void (accepted++, expectInDomain(text, parsed));
  expect(typeof parsed.message).toBe("string");
  // A refusal never repeats the key it was sent.
  const key = (() => {
    try {
      return (JSON.parse(text) as { key?: unknown })?.key;
    } catch {
      return undefined;
    }
  })();
  if (typeof key === "string" && key.length >= 8) expect(parsed.message).not.toContain(key);
}

describe("parseVerifyBody, fuzzed", () => {
  const prototypesBefore = prototypeSnapshot();

  it("never throws on any body text (bytes, JSON, deep nesting), and accepts only the documented fields and values", () => {
    fc.assert(
      fc.property(anyBodyText, (text) => check(text)),
      fuzzOptions(300),
    );
  });

  it("never throws on objects of the real field names with hostile values, duplicate keys and __proto__ members", () => {
    accepted = 0;
    fc.assert(
      fc.property(verifyBody(), (text) => check(text)),
      fuzzOptions(300),
    );
    // The generator reaches past the refusals, into accepted bodies.
    expect(accepted).toBeGreaterThan(30);
  });

  it("never echoes the key in a refusal", () => {
    const withSecret = fc.tuple(secretLike, verifyBody(fc.constant("KEY"))).map(([secret, text]) => text.replaceAll('"KEY"', JSON.stringify(secret)));
    fc.assert(
      fc.property(withSecret, (text) => {
        const parsed = parseVerifyBody(text);
        if (!parsed.ok) expect(parsed.message).not.toMatch(/skml_(live|stage|dev|ci)_/);
      }),
      fuzzOptions(300),
    );
  });

  it("leaves Object.prototype and the other built-in prototypes untouched", () => {
    expect(prototypeSnapshot()).toEqual(prototypesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
