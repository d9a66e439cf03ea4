import { describe, expect, it } from "vitest";
import { characters, checkSchema, expectStorable } from "@/lib/testing/fuzz-schema";
import { webhookEventsFields, webhookUrlFields } from "@/lib/testing/input-arbitraries";
import { webhookUrlProblem } from "./webhook-destination";
import { webhookEventsInput, webhookUrlInput } from "./webhook-endpoint";
import { WEBHOOK_EVENTS } from "./webhook-events";

describe("webhook inputs, fuzzed", () => {
  it("webhookUrlInput accepts only an http(s) URL of at most 2000 characters, whose destination check never throws", () => {
    const accepted = checkSchema(webhookUrlInput, webhookUrlFields, ({ url }) => {
      expectStorable(url);
      expect(characters(url)).toBeLessThanOrEqual(2000);
      expect(new URL(url).protocol).toMatch(/^https?:$/);
      const problem = webhookUrlProblem(url);
      expect(problem === null || typeof problem === "string").toBe(true);
    });
    expect(accepted).toBeGreaterThan(10);
  });

  it("webhookEventsInput accepts only known events", () => {
    const accepted = checkSchema(webhookEventsInput, webhookEventsFields, ({ events }) => {
      expect(events.length).toBeLessThanOrEqual(WEBHOOK_EVENTS.length);
      for (const event of events) expect(WEBHOOK_EVENTS).toContain(event);
    });
    expect(accepted).toBeGreaterThan(10);
  });
});
