import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { closeStep, notifyStep, replaceStep, reviewStep, revokeStep, updateAppsStep } from "./incident-step-actions";
import { openIncident } from "./open-incident";

// Each member's notifications about the incident, by title.
async function titlesByMember(world: Awaited<ReturnType<typeof createOrganizationWithAllRoles>>, incidentLink: string) {
  const rows = await db().notification.findMany({ where: { organizationId: world.organization.id, link: incidentLink }, orderBy: { createdAt: "asc" } });
  return Object.fromEntries(world.members.map((m) => [m.role, rows.filter((row) => row.userId === m.userId).map((row) => row.title)]));
}

describe("a compromised key's owner", () => {
  it("is addressed as its owner when it is reported, when the team is told and when it closes; nobody gets two of one", async () => {
    const world = await createOrganizationWithAllRoles();
    const { actors } = world;
    const { key } = await createKey({
      actor: actors.OWNER,
      input: { name: "Leaked", environment: "PRODUCTION", permission: "FULL", expiresInDays: "never", ownerId: actors.MEMBER.userId },
    });
    const link = `/settings/secret-keys/${key.id}/compromised`;
    const { incidentId } = await openIncident({ actor: actors.SECURITY, keyId: key.id });
    await revokeStep({ actor: actors.SECURITY, incidentId });
    await replaceStep({ actor: actors.SECURITY, incidentId, input: { skipReason: "Nothing used it." } });
    await updateAppsStep({ actor: actors.SECURITY, incidentId, input: { entries: [] } });
    await reviewStep({ actor: actors.SECURITY, incidentId, input: { from: "2020-01-01", to: new Date().toISOString().slice(0, 10), suspicious: 0 } });

    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    process.env.SMTP_FROM = "security@example.test";
    try {
      await notifyStep({ actor: actors.SECURITY, incidentId, input: { message: "Rotate everything that used it." } });
    } finally {
      delete process.env.SMTP_URL;
      delete process.env.SMTP_FROM;
    }
    await closeStep({ actor: actors.SECURITY, incidentId });

    const titles = await titlesByMember(world, link);
    expect(titles.MEMBER).toEqual(["Your key “Leaked” was reported compromised", "Your key “Leaked” was compromised", "Incident for your key “Leaked” closed"]);
    for (const role of ["OWNER", "ADMIN", "SECURITY"]) {
      expect(titles[role]).toEqual(["Key “Leaked” reported compromised", "Key “Leaked” was compromised", "Incident for “Leaked” closed"]);
    }
    // The owner's email is the first one queued.
    const emails = await db().emailDelivery.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } });
    expect(emails).toHaveLength(4);
    expect(emails[0].toAddress).toBe(world.members.find((m) => m.role === "MEMBER")!.email);
  });
});
