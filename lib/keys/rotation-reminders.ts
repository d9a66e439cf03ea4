import { db } from "@/lib/db/client";
import { rotationDueSql } from "./rotation-due-sql";
import { rotationReminderMessages } from "./rotation-reminder-messages";

// Any fixed number: the advisory lock that lets one app instance at a time
// send reminders.
const REMINDER_LOCK = 7_240_311;

type DueKey = { id: string; organizationId: string; name: string; ownerId: string | null };

// Tells each organization, once per key, which live keys are due for
// rotation (past the policy or expiring within two weeks): one in-app
// notification per member and run, linking to the filtered list; a key's
// owner is told about their own keys (rotationReminderMessages).
export async function sendRotationReminders(now = new Date()): Promise<{ organizations: number; keys: number }> {
  return db().$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${REMINDER_LOCK}) AS locked`;
    if (!locked) return { organizations: 0, keys: 0 };
    const due = await tx.$queryRaw<DueKey[]>`
      SELECT k."id", k."organizationId", k."name", k."ownerId" FROM "SecretKey" k
      WHERE k."deletedAt" IS NULL AND k."rotationRemindedAt" IS NULL AND ${rotationDueSql(now)}
      ORDER BY k."organizationId", k."createdAt"`;
    const byOrganization = new Map<string, DueKey[]>();
    for (const key of due) byOrganization.set(key.organizationId, [...(byOrganization.get(key.organizationId) ?? []), key]);
    for (const [organizationId, keys] of byOrganization) {
      const members = await tx.membership.findMany({ where: { organizationId }, select: { userId: true }, orderBy: { createdAt: "asc" } });
      const messages = rotationReminderMessages(
        keys,
        members.map((member) => member.userId),
      );
      await tx.notification.createMany({ data: messages.map((message) => ({ ...message, organizationId })) });
    }
    await tx.secretKey.updateMany({ where: { id: { in: due.map((key) => key.id) } }, data: { rotationRemindedAt: now } });
    return { organizations: byOrganization.size, keys: due.length };
  });
}

// Checks soon after start, then every hour, in every instance (the lock
// keeps them from doubling up).
export function startRotationReminders(options: { intervalMs?: number; log?: (message: string) => void } = {}): { stop(): void } {
  const run = () =>
    void sendRotationReminders().catch((error: unknown) =>
      options.log?.(`Rotation reminders failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, options.intervalMs ?? 3_600_000);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
