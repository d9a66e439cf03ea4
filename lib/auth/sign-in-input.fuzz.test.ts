import { describe, expect, it } from "vitest";
import { characters, checkSchema, expectEmail } from "@/lib/testing/fuzz-schema";
import { signInFields } from "@/lib/testing/input-arbitraries";
import { signInInput } from "./sign-in-input";

describe("sign-in input, fuzzed", () => {
  it("accepts only an email address and a password of 1 to 256 characters", () => {
    const accepted = checkSchema(signInInput, signInFields, (input) => {
      expectEmail(input.email);
      expect(characters(input.password) >= 1 && characters(input.password) <= 256).toBe(true);
    });
    expect(accepted).toBeGreaterThan(10);
  });
});
