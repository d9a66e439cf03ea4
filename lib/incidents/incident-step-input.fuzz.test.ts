import { describe, expect, it } from "vitest";
import { characters, checkSchema, expectSingleLine, expectStorable } from "@/lib/testing/fuzz-schema";
import { BIDI_CONTROLS } from "@/lib/validation/stored-text";
import { notifyFields, replaceStepFields, reviewFields, updateAppsFields } from "@/lib/testing/input-arbitraries";
import { notifyInput, replaceStepInput, reviewInput, updateAppsInput } from "./incident-step-actions";

// A note: at most 500 characters, line breaks and tabs but no other control
// character (C1 included) and no text-direction control.
function expectNote(text: string, min = 0) {
  expectStorable(text);
  expect(text).toBe(text.trim());
  expect(characters(text) >= min && characters(text) <= 500).toBe(true);
  expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  expect(text).not.toMatch(BIDI_CONTROLS);
}

describe("incident step inputs, fuzzed", () => {
  it("replaceStepInput accepts only a one-line name for the replacement, or a note saying why none is needed", () => {
    const accepted = checkSchema(replaceStepInput, replaceStepFields, (input) => {
      if ("name" in input) expectSingleLine(input.name, 100);
      else expectNote(input.skipReason, 1);
    });
    expect(accepted).toBeGreaterThan(10);
  });

  it("updateAppsInput accepts only up to 500 clients, each ticked off or with a note", () => {
    const accepted = checkSchema(updateAppsInput, updateAppsFields, ({ entries }) => {
      expect(entries.length).toBeLessThanOrEqual(500);
      for (const entry of entries) {
        expect(typeof entry.ipAddress === "string" && characters(entry.ipAddress) <= 64).toBe(true);
        expect(entry.userAgent === null || (typeof entry.userAgent === "string" && characters(entry.userAgent) <= 500)).toBe(true);
        expect(typeof entry.updated).toBe("boolean");
        if (entry.note !== undefined) expectNote(entry.note);
      }
    });
    expect(accepted).toBeGreaterThan(10);
  });

  it("reviewInput accepts only real whole days and a whole, non-negative count", () => {
    const accepted = checkSchema(reviewInput, reviewFields, (input) => {
      for (const day of [input.from, input.to]) {
        expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Number.isNaN(Date.parse(day))).toBe(false);
      }
      expect(Number.isSafeInteger(input.suspicious) && input.suspicious >= 0).toBe(true);
    });
    expect(accepted).toBeGreaterThan(10);
  });

  it("notifyInput accepts only a message of 1 to 2000 characters", () => {
    const accepted = checkSchema(notifyInput, notifyFields, ({ message }) => {
      expectStorable(message);
      expect(message).toBe(message.trim());
      expect(characters(message) >= 1 && characters(message) <= 2000).toBe(true);
    });
    expect(accepted).toBeGreaterThan(10);
  });
});
