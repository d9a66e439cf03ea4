import { describe, expect, it } from "vitest";
import { eventPayload } from "./webhook-events";

describe("eventPayload", () => {
  it("has the Standard Webhooks type, timestamp and data, and keeps event and sentAt", () => {
    const at = new Date("2026-11-27T15:10:00.000Z");
    expect(eventPayload("incident.opened", { incidentId: "inc_1" }, at)).toEqual({
      type: "incident.opened",
      timestamp: "2026-11-27T15:10:00.000Z",
      data: { incidentId: "inc_1" },
      event: "incident.opened",
      sentAt: "2026-11-27T15:10:00.000Z",
    });
  });
});
