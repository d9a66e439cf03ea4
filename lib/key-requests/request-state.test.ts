import { describe, expect, it } from "vitest";
import { requestState } from "./request-state";

const now = new Date("2026-11-27T12:00:00Z");
const later = new Date("2026-11-28T12:00:00Z");

describe("requestState", () => {
  it("reads open requests past their deadline as expired", () => {
    expect(requestState({ status: "PENDING", expiresAt: later }, now)).toBe("pending");
    expect(requestState({ status: "PENDING", expiresAt: now }, now)).toBe("expired");
    expect(requestState({ status: "APPROVED", expiresAt: later }, now)).toBe("approved");
    expect(requestState({ status: "APPROVED", expiresAt: new Date(0) }, now)).toBe("expired");
  });

  it("keeps closed requests as they ended, whatever the deadline", () => {
    for (const status of ["ISSUED", "DENIED", "WITHDRAWN"] as const) expect(requestState({ status, expiresAt: new Date(0) }, now)).toBe(status.toLowerCase());
  });
});
