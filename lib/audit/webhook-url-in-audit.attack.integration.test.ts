import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { removeWebhookEndpoint, setWebhookEndpoint } from "@/lib/webhooks/webhook-endpoint";
import { auditCsvLine } from "./audit-csv";
import { auditQuery } from "./audit-query";
import { allAuditEvents, listAuditEvents } from "./list-audit-events";
import { recordAuditEvent } from "./record-event";

const TOKEN = "T0KEN-s3cr3t-bearer";

// The webhook URL's path is a bearer secret that only owners may see; the
// audit log is readable by admins and security leads.
describe("the webhook URL through the audit log", () => {
  it("neither the audit page nor its export shows the URL's path, for events old or new", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await setWebhookEndpoint({ actor: actors.OWNER, input: { url: `https://hooks.example.com/services/${TOKEN}` } });
    await removeWebhookEndpoint({ actor: actors.OWNER });
    // As events recorded before the URL was trimmed looked.
    await db().$transaction((tx) =>
      recordAuditEvent(tx, { actor: actors.OWNER, action: "organization.webhook_set", details: { url: `https://hooks.example.com/old/${TOKEN}` } }),
    );
    expect(
      JSON.stringify(await db().auditEvent.findMany({ where: { organizationId: organization.id, action: { not: "organization.webhook_set" } } })),
    ).not.toContain(TOKEN);

    const page = await listAuditEvents(organization.id, auditQuery.parse({}));
    expect(page.rows.filter((row) => row.action.startsWith("organization.webhook"))).toHaveLength(3);
    expect(JSON.stringify(page.rows)).not.toContain(TOKEN);
    let csv = "";
    for await (const rows of allAuditEvents(organization.id, auditQuery.parse({}))) csv += rows.map(auditCsvLine).join("");
    expect(csv).toContain("https://…example.com/…");
    expect(csv).not.toContain(TOKEN);
  });
});
