import { describe, expect, it } from "vitest";
import { dictionary } from "@zxcvbn-ts/language-common";
import { assertAcceptablePassword, COMMON_PASSWORD_MESSAGE, passwordProblem } from "./password-policy";

const person = { email: "olivia@acme.test", name: "Olivia Owner" };

describe("passwordProblem", () => {
  it("checks against at least 10,000 common passwords", () => {
    expect(dictionary["passwords-common"].length).toBeGreaterThanOrEqual(10_000);
  });

  it.each(["correct horse battery staple", "a very long owner password", "olivia loves green tea", "839274651029384", "Tr0ub4dor&3 is not it"])(
    "accepts %j",
    (password) => expect(passwordProblem(password, person)).toBeNull(),
  );

  it.each(["qazwsxedcrfv", "1q2w3e4r5t6y", "123qweasdzxc", "Password2024!", "!!iloveyou1234567", "QWERTY123456789", "passwordpassword", "football football"])(
    "refuses the common %j",
    (password) => expect(passwordProblem(password, person)).toBe(COMMON_PASSWORD_MESSAGE),
  );

  it.each(["aaaaaaaaaaaa", "abcabcabcabc", "121212121212", "ababababcccc"])("refuses the repetitive %j", (password) =>
    expect(passwordProblem(password, person)).toMatch(/too easy to guess/),
  );

  it.each(["olivia@acme.test", "OliviaOwner2024", "  olivia owner 1 "])("refuses %j, too close to the person", (password) =>
    expect(passwordProblem(password, person)).toMatch(/email address or name/),
  );

  it("refuses control characters and broken UTF-16, which the browser cannot show", () => {
    expect(passwordProblem("a long password\nwith a line break")).toMatch(/control characters/);
    expect(passwordProblem("a long password\u0000 with NUL")).toMatch(/control characters/);
    expect(passwordProblem("a long password \ud800 broken")).toMatch(/broken character/);
  });

  it("has no trouble with odd values", () => {
    for (const password of ["__proto__ and constructor", "constructor12345", "x".repeat(256), "🔑🔑🔑🔑 emoji keys 🔑"]) {
      expect(() => passwordProblem(password, person)).not.toThrow();
    }
    expect(passwordProblem("__proto__proto__")).toBeNull();
  });

  it("reports a refusal as a field error", () => {
    expect(() => assertAcceptablePassword("Password2024!", {}, "newPassword")).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", fieldErrors: { newPassword: [COMMON_PASSWORD_MESSAGE] } }),
    );
  });
});
