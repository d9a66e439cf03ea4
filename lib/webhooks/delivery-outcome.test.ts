import { describe, expect, it } from "vitest";
import { attemptRecord } from "./delivery-outcome";

describe("attemptRecord", () => {
  it.each([
    [
      { kind: "answered", status: 200 },
      { ok: true, giveUp: false, statusCode: 200, error: null },
    ],
    [
      { kind: "answered", status: 204 },
      { ok: true, giveUp: false, statusCode: 204, error: null },
    ],
    [
      { kind: "answered", status: 302 },
      { ok: false, giveUp: false, statusCode: 302, error: "HTTP 302" },
    ],
    [
      { kind: "answered", status: 503 },
      { ok: false, giveUp: false, statusCode: 503, error: "HTTP 503" },
    ],
    [{ kind: "refused" }, { ok: false, giveUp: true, statusCode: null, error: "destination not allowed" }],
    [{ kind: "unreachable" }, { ok: false, giveUp: false, statusCode: null, error: "could not connect" }],
  ] as const)("%j is recorded as %j", (outcome, record) => {
    expect(attemptRecord(outcome)).toEqual(record);
  });
});
