import { describe, expect, it } from "vitest";
import { describeStep, incidentSummaryJson, incidentSummaryMarkdown } from "./incident-summary";

const incident = {
  id: "inc1",
  keyId: "key1",
  keyName: "prod key\n| 9 | forged row |",
  keyPrefix: "skml_live_AbCd",
  status: "CLOSED",
  openedAt: new Date("2026-01-01T00:00:00Z"),
  closedAt: new Date("2026-01-01T00:10:00Z"),
  steps: [
    { step: "revoke", actorLabel: "Sam <sam@example.test>", createdAt: new Date("2026-01-01T00:01:00Z"), details: { revokedAt: "2026-01-01T00:01:00.000Z" } },
    { step: "close", actorLabel: "Sam <sam@example.test>", createdAt: new Date("2026-01-01T00:10:00Z"), details: null },
  ],
};

describe("incident summary", () => {
  it("lists the timeline as JSON", () => {
    expect(incidentSummaryJson(incident)).toMatchObject({
      status: "closed",
      timeline: [{ step: "revoke", by: "Sam <sam@example.test>", at: "2026-01-01T00:01:00.000Z" }, { step: "close" }],
    });
  });

  it("writes Markdown in which a crafted key name cannot add rows", () => {
    const markdown = incidentSummaryMarkdown(incident);
    expect(markdown).toContain(
      "| 1 | Revoke the key now | Sam \\<sam@example\\.test\\> | 2026-01-01T00:01:00.000Z | Key revoked at 2026\\-01\\-01 00:01:00 UTC\\. |",
    );
    expect(markdown.split("\n").filter((line) => line.startsWith("| "))).toHaveLength(4);
    expect(markdown).not.toContain("\n| 9 |");
  });

  it("lists deliveries in both exports", () => {
    const withDeliveries = {
      ...incident,
      deliveries: [
        { channel: "email", target: "sam@example.test", status: "delivered", attempts: 2, deliveredAt: new Date("2026-01-01T00:05:00Z"), lastError: null },
      ],
    };
    expect(incidentSummaryJson(withDeliveries).deliveries).toEqual([
      { channel: "email", to: "sam@example.test", status: "delivered", attempts: 2, deliveredAt: "2026-01-01T00:05:00.000Z", lastError: null },
    ]);
    expect(incidentSummaryMarkdown(withDeliveries)).toContain("- Email to sam@example\\.test: delivered at 2026\\-01\\-01T00:05:00\\.000Z, 2 attempts");
    expect(incidentSummaryMarkdown(incident)).not.toContain("## Deliveries");
  });

  it("describes each step from its details", () => {
    expect(describeStep("replace", { skipped: true, reason: "unused key" })).toBe("No replacement: unused key");
    expect(describeStep("replace", { name: "prod (replacement)", replacementKeyId: "k2" })).toBe('Replacement "prod (replacement)" created (k2).');
    expect(describeStep("notify", { recipients: 4, emails: 4, webhook: "queued" })).toBe("4 members notified in the app, 4 by email; webhook queued.");
    expect(describeStep("notify", { recipients: 2, webhook: "not configured" })).toBe("2 members notified in the app; webhook not configured.");
    expect(describeStep("update_apps", { clients: 3, updated: 2 })).toBe("2 of 3 clients updated; 1 noted instead.");
    expect(describeStep("update_apps", { clients: 3, updated: 3 })).toBe("3 of 3 clients updated.");
    expect(describeStep("update_apps", { clients: 0, updated: 0 })).toBe("No client had used the key.");
    expect(describeStep("notify", { recipients: 1, webhook: "queued" })).toBe("1 member notified in the app; webhook queued.");
    expect(describeStep("review", { from: "2026-01-01T00:00:00.000Z", to: "2026-01-08T00:00:00.000Z", suspicious: 1 })).toBe(
      "Activity from 2026-01-01 00:00:00 UTC to 2026-01-08 00:00:00 UTC reviewed; 1 suspicious entry.",
    );
  });
});
