import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldsOf } from "@/lib/testing/fuzz";
import { checkSchema } from "@/lib/testing/fuzz-schema";
import { setGranularScopesInput } from "./set-granular-scopes";

describe("per-scope keys setting, fuzzed", () => {
  it("accepts only on or off", () => {
    const enabled = fc.oneof(fc.boolean(), fc.constantFrom("true", "on", 1, 0));
    expect(checkSchema(setGranularScopesInput, fieldsOf({ enabled }), (input) => expect(typeof input.enabled).toBe("boolean"))).toBeGreaterThan(10);
  });
});
