import { describe, expect, it } from "vitest";
import { setupInput } from "./setup-input";

const valid = { organizationName: " Acme ", name: "Ada", email: " ADA@Example.TEST ", password: "twelve chars" };

describe("setupInput", () => {
  it("trims names and normalizes the email", () => {
    expect(setupInput.parse(valid)).toEqual({ organizationName: "Acme", name: "Ada", email: "ada@example.test", password: "twelve chars" });
  });

  it.each([
    ["organizationName", "", "Enter your organization's name."],
    ["organizationName", "x".repeat(101), "Use at most 100 characters."],
    ["name", "Ada\r\nAdmin", "Line breaks and control characters are not allowed."],
    ["email", "ada@", "Enter a valid email address."],
    ["email", `${"a".repeat(250)}@x.io`, "An email address has at most 254 characters."],
    ["password", "elevenchars", "Use at least 12 characters."],
    ["password", "x".repeat(257), "Use at most 256 characters."],
  ])("rejects %s = %j with a message for that field", (field, value, message) => {
    const result = setupInput.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: [field], message });
  });

  it("rejects values of the wrong type", () => {
    expect(setupInput.safeParse({ ...valid, password: 1234567890123 }).success).toBe(false);
    expect(setupInput.safeParse(null).success).toBe(false);
  });
});
