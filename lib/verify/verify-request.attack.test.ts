import { describe, expect, it } from "vitest";
import { parseVerifyBody } from "./verify-request";

const KEY = "skml_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa000000";
const INHERITED = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "__defineGetter__", "prototype"];

// A scope or action looked up on a plain object finds Object.prototype's
// members: the odd value got through as a scope, was queued as a usage row,
// and wedged the usage writer for every key.
describe("verify body: inherited property names", () => {
  it.each(INHERITED)("scope %j is refused with 400", (scope) => {
    const parsed = parseVerifyBody(JSON.stringify({ key: KEY, scope, action: "read" }));
    expect(parsed).toMatchObject({ ok: false, message: expect.stringMatching(/"scope"/) });
  });

  it.each(INHERITED)("action %j is refused with 400", (action) => {
    const parsed = parseVerifyBody(JSON.stringify({ key: KEY, scope: "dataset", action }));
    expect(parsed).toMatchObject({ ok: false, message: expect.stringMatching(/"action"/) });
  });

  it("a __proto__ member of the body or the client is an unknown field, not a prototype", () => {
    expect(parseVerifyBody(`{"key":"${KEY}","scope":"dataset","action":"read","__proto__":{"scope":"dataset"}}`)).toMatchObject({ ok: false });
    expect(parseVerifyBody(`{"key":"${KEY}","scope":"dataset","action":"read","client":{"__proto__":{"ipAddress":"1.2.3.4"}}}`)).toMatchObject({ ok: false });
  });

  it("a user agent with control characters (which PostgreSQL text cannot always hold, or a terminal reads as commands) is refused", () => {
    for (const userAgent of ["sdk\u0000/1", "sdk\n/1", "sdk\u007f", "sdk\u009b2J"]) {
      const parsed = parseVerifyBody(JSON.stringify({ key: KEY, scope: "dataset", action: "read", client: { userAgent } }));
      expect(parsed).toMatchObject({ ok: false, message: expect.stringMatching(/userAgent/) });
    }
  });
});
