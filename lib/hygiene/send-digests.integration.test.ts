import { beforeAll, describe, expect, it } from "vitest";
import { toActionError } from "@/lib/action-result";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { setNamedPeople } from "@/lib/responsibilities/set-named-people";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { digestPeriod, sendDigestNow, sendMonthlyDigests } from "./send-digests";

const DAY = 86_400_000;

// The monthly run writes to every organization: a database of its own keeps
// it from touching other files' organizations.
beforeAll(async () => {
  await useFreshDatabase();
});
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => toActionError(error).code,
  );

// An organization whose Admin owns a key never used (stale after a week) and
// one expiring soon; the Security member is its security contact.
async function organizationWithFindings(now: Date) {
  const world = await createOrganizationWithAllRoles();
  const created = new Date(now.getTime() - 30 * DAY);
  await createKey({
    actor: world.actors.ADMIN,
    input: { name: "Forgotten batch key", environment: "DEVELOPMENT", permission: "FULL", expiresInDays: "never" },
    now: created,
  });
  await createKey({
    actor: world.actors.ADMIN,
    input: { name: "Short-lived CI key", environment: "CI_CD", permission: "FULL", expiresInDays: "30" },
    now: new Date(now.getTime() - 20 * DAY),
  });
  const security = world.members.find((m) => m.role === "SECURITY")!;
  await setNamedPeople({ actor: world.actors.OWNER, input: { responsibility: "SECURITY_CONTACT", membershipIds: [security.membershipId] } });
  return world;
}

const digestsOf = (organizationId: string) =>
  db().notification.findMany({ where: { organizationId, title: { startsWith: "Key hygiene" } }, select: { userId: true, title: true, body: true } });

describe("key-hygiene digests", () => {
  it("tells each key owner of their keys and the security contact of the whole organization, once per month however many instances race", async () => {
    // The first monthly digest comes the month after setup.
    const now = new Date(Date.now() + 40 * DAY);
    const { organization, actors } = await organizationWithFindings(now);
    await sendMonthlyDigests(new Date());
    expect(await digestsOf(organization.id)).toEqual([]);
    await Promise.all([sendMonthlyDigests(now), sendMonthlyDigests(now), sendMonthlyDigests(now)]);
    await sendMonthlyDigests(now);

    expect(await db().hygieneDigest.count({ where: { organizationId: organization.id, period: digestPeriod(now) } })).toBe(1);
    const digests = await digestsOf(organization.id);
    expect(digests.map((d) => d.userId).sort()).toEqual([actors.ADMIN.userId, actors.SECURITY.userId].sort());
    const admin = digests.find((d) => d.userId === actors.ADMIN.userId)!;
    expect(admin.body).toContain("“Forgotten batch key”");
    expect(admin.body).toMatch(/Expiring within 14 days: 1 \(“Short-lived CI key”\)/);
    const security = digests.find((d) => d.userId === actors.SECURITY.userId)!;
    expect(security.title).toBe(`Key hygiene for ${organization.name}`);
    expect(security.body).toMatch(/^2 live keys: 2 stale, \d+ due for rotation, 1 expiring within 14 days; 0 open requests\./);
    expect(security.body).toContain("ADMIN user:");

    const nextMonth = new Date(now.getTime() + 32 * DAY);
    await sendMonthlyDigests(nextMonth);
    expect(await db().hygieneDigest.count({ where: { organizationId: organization.id } })).toBe(2);
  });

  it("sends on demand for owners only, audited, at most once an hour", async () => {
    const now = new Date();
    const { organization, actors } = await organizationWithFindings(now);
    for (const role of ["ADMIN", "SECURITY", "MEMBER"] as const) expect(await code(sendDigestNow({ actor: actors[role], now }))).toBe("FORBIDDEN");
    expect(await digestsOf(organization.id)).toEqual([]);
    expect(await sendDigestNow({ actor: actors.OWNER, now })).toEqual({ recipients: 2 });
    expect(await code(sendDigestNow({ actor: actors.OWNER, now: new Date(now.getTime() + 60_000) }))).toBe("CONFLICT");
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "organization.digest_sent" } })).toBe(1);
    // The monthly digest still goes out.
    await sendMonthlyDigests(new Date(now.getTime() + 40 * DAY));
    expect(await db().hygieneDigest.count({ where: { organizationId: organization.id } })).toBe(2);
  });

  it("sends the organization-wide digest to the owners when no security contact or billing owner is named", async () => {
    const now = new Date();
    const { organization, actors } = await createOrganizationWithAllRoles();
    await sendDigestNow({ actor: actors.OWNER, now });
    const digests = await digestsOf(organization.id);
    expect(digests.map((d) => d.userId)).toEqual([actors.OWNER.userId]);
    expect(digests[0].body).toMatch(/^0 live keys/);
  });
});
