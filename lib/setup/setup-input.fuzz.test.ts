import { describe, expect, it } from "vitest";
import { characters, checkSchema, expectEmail, expectSingleLine } from "@/lib/testing/fuzz-schema";
import { setupFields } from "@/lib/testing/input-arbitraries";
import { MIN_PASSWORD_LENGTH, setupInput } from "./setup-input";

describe("setup input, fuzzed", () => {
  it("accepts only one-line names, an email address and a 12 to 256 character password", () => {
    const accepted = checkSchema(setupInput, setupFields, (input) => {
      expectSingleLine(input.organizationName, 100);
      expectSingleLine(input.name, 100);
      expectEmail(input.email);
      expect(characters(input.password) >= MIN_PASSWORD_LENGTH && characters(input.password) <= 256).toBe(true);
    });
    expect(accepted).toBeGreaterThan(10);
  });
});
