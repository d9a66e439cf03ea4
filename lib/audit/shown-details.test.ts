import { describe, expect, it } from "vitest";
import { shownDetails, webhookUrlForAudit } from "./shown-details";

describe("webhookUrlForAudit", () => {
  it.each([
    ["https://hooks.slack.com/services/T00/B00/XXXXSECRET", "https://…slack.com/…"],
    ["https://eo1a2b3c4d5e6f.m.pipedream.net", "https://…pipedream.net"],
    ["https://10.0.0.5:8443/x", "https://10.0.0.5:8443/…"],
    ["http://localhost/services/T0KEN-s3cr3t-bearer", "http://localhost/…"],
    ["https://siem.example.com/ingest?token=abc", "https://…example.com/…"],
    ["https://user:pass@example.com/", "https://example.com"],
    ["https://example.com", "https://example.com"],
    ["not a url", "(not a URL)"],
  ])("%s -> %s", (url, shown) => {
    expect(webhookUrlForAudit(url)).toBe(shown);
  });
});

describe("shownDetails", () => {
  it("trims the webhook URL of webhook events, including ones recorded with the whole URL", () => {
    expect(shownDetails("organization.webhook_set", { url: "https://hooks.example.com/t/SECRET" })).toEqual({ url: "https://…example.com/…" });
    expect(shownDetails("organization.webhook_removed", { url: "https://hooks.example.com/t/SECRET", other: 1 })).toEqual({
      url: "https://…example.com/…",
      other: 1,
    });
  });

  it("leaves every other event as it is", () => {
    const details = { url: "https://example.com/secret", name: "key" };
    expect(shownDetails("key.created", details)).toBe(details);
    expect(shownDetails("organization.webhook_set", null)).toBeNull();
  });
});
