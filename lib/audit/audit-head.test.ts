import { describe, expect, it } from "vitest";
import { formatAuditHead, keptHeadHolds, parseAuditHead } from "./audit-head";

const SEAL = "0123456789abcdef".repeat(4);

describe("audit head", () => {
  it("formats the head short and reads it back", () => {
    const text = formatAuditHead({ organizationId: "cm0rg1", sequence: 42, seal: SEAL });
    expect(text).toBe("cm0rg1:42:0123456789abcdef");
    expect(parseAuditHead(` ${text}\n`)).toEqual({ organizationId: "cm0rg1", sequence: 42, seal: "0123456789abcdef" });
  });

  it("refuses anything else", () => {
    for (const text of ["", "cm0rg1:42", "cm0rg1:0:0123456789abcdef", "cm0rg1:42:0123", "cm0rg1:42:0123456789ABCDEF", "a b:1:0123456789abcdef"]) {
      expect(parseAuditHead(text)).toBeNull();
    }
  });

  it("holds only while that event keeps the same seal", () => {
    const kept = { organizationId: "cm0rg1", sequence: 42, seal: SEAL.slice(0, 16) };
    expect(keptHeadHolds(kept, SEAL)).toBe(true);
    expect(keptHeadHolds(kept, null)).toBe(false);
    expect(keptHeadHolds(kept, "f".repeat(64))).toBe(false);
  });
});
