import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { createKey } from "./create-key";
import { rotateKey } from "./rotate-key";
import { sendRotationReminders } from "./rotation-reminders";

const DAY = 86_400_000;

async function keyCreatedDaysAgo(actor: Parameters<typeof createKey>[0]["actor"], name: string, environment: string, days: number, now: Date) {
  const { key } = await createKey({ actor, input: { name, environment, permission: "FULL", expiresInDays: "never" } });
  await db().secretKey.update({ where: { id: key.id }, data: { createdAt: new Date(now.getTime() - days * DAY) } });
  return key;
}

describe("sendRotationReminders", () => {
  it("tells every member once which keys are due, per organization, and never twice for a key", async () => {
    // Other test files' keys may be due too: every check looks at these organizations only.
    const now = new Date();
    const mine = await createOrganizationWithAllRoles();
    const theirs = await createOrganizationWithAllRoles();
    const old = await keyCreatedDaysAgo(mine.actors.OWNER, "Old production", "PRODUCTION", 100, now);
    await keyCreatedDaysAgo(mine.actors.OWNER, "Old staging", "STAGING", 120, now);
    await keyCreatedDaysAgo(mine.actors.OWNER, "Old dev", "DEVELOPMENT", 400, now);
    const rotated = await keyCreatedDaysAgo(mine.actors.OWNER, "Rotated already", "CI_CD", 100, now);
    await rotateKey({ actor: mine.actors.OWNER, input: { keyId: rotated.id, grace: "7d" }, now });
    await keyCreatedDaysAgo(theirs.actors.OWNER, "Their old one", "CI_CD", 95, now);

    const result = await sendRotationReminders(now);
    expect(result.keys).toBeGreaterThanOrEqual(2);

    const reminders = (userId: string) => db().notification.findMany({ where: { userId, link: "/settings/secret-keys?due=1" } });
    const memberReminders = await reminders(mine.actors.MEMBER.userId);
    expect(memberReminders).toHaveLength(1);
    expect(memberReminders[0]).toMatchObject({ title: "Key “Old production” is due for rotation" });
    expect(await reminders(theirs.actors.SECURITY.userId)).toMatchObject([{ title: "Key “Their old one” is due for rotation" }]);
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: old.id } })).rotationRemindedAt).toEqual(now);

    // Nothing new: nothing sent. A key that becomes due later is told on its own.
    await sendRotationReminders(now);
    expect(await reminders(mine.actors.MEMBER.userId)).toHaveLength(1);
    await keyCreatedDaysAgo(mine.actors.OWNER, "Another old one", "PRODUCTION", 91, now);
    await keyCreatedDaysAgo(mine.actors.OWNER, "And one more", "PRODUCTION", 92, now);
    await sendRotationReminders(now);
    const after = await reminders(mine.actors.MEMBER.userId);
    expect(after).toHaveLength(2);
    expect(after.map((n) => n.title)).toContain("2 keys are due for rotation");
  });

  it("runs once when several instances start it at the same moment", async () => {
    const now = new Date();
    const org = await createOrganizationWithAllRoles();
    await keyCreatedDaysAgo(org.actors.OWNER, "Raced", "PRODUCTION", 100, now);
    await Promise.all(Array.from({ length: 4 }, () => sendRotationReminders(now)));
    expect(await db().notification.count({ where: { userId: org.actors.OWNER.userId, link: { startsWith: "/settings/secret-keys?due=1" } } })).toBe(1);
  });

  it("tells a due key's owner about their own key, and every other member the summary, one notification each", async () => {
    const now = new Date();
    const org = await createOrganizationWithAllRoles();
    const { key } = await createKey({
      actor: org.actors.OWNER,
      input: { name: "The member's old key", environment: "PRODUCTION", permission: "FULL", expiresInDays: "never", ownerId: org.actors.MEMBER.userId },
    });
    await db().secretKey.update({ where: { id: key.id }, data: { createdAt: new Date(now.getTime() - 100 * DAY) } });
    await sendRotationReminders(now);
    const reminders = await db().notification.findMany({
      where: { organizationId: org.organization.id, link: { startsWith: "/settings/secret-keys?due=1" } },
      select: { userId: true, title: true, link: true },
    });
    expect(reminders).toHaveLength(org.members.length);
    expect(reminders.find((n) => n.userId === org.actors.MEMBER.userId)).toMatchObject({
      title: "Your key “The member's old key” is due for rotation",
      link: "/settings/secret-keys?due=1&owner=me",
    });
    expect(reminders.find((n) => n.userId === org.actors.OWNER.userId)).toMatchObject({ title: "Key “The member's old key” is due for rotation" });
  });
});
