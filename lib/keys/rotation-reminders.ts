import { db } from "@/lib/db/client";
import { notifyMembers } from "@/lib/notifications/notify-members";
import { rotationDueSql } from "./rotation-due-sql";

// Any fixed number: the advisory lock that lets one app instance at a time
// send reminders.
const REMINDER_LOCK = 7_240_311;
const NAMES_SHOWN = 5;

type DueKey = { id: string; organizationId: string; name: string };

// Tells each organization, once per key, which live keys are due for
// rotation (past the policy or expiring within two weeks): one in-app
// notification per organization and run, linking to the filtered list.
export async function sendRotationReminders(now = new Date()): Promise<{ organizations: number; keys: number }> {
  return db().$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${REMINDER_LOCK}) AS locked`;
    if (!locked) return { organizations: 0, keys: 0 };
    const due = await tx.$queryRaw<DueKey[]>`
      SELECT k."id", k."organizationId", k."name" FROM "SecretKey" k
      WHERE k."deletedAt" IS NULL AND k."rotationRemindedAt" IS NULL AND ${rotationDueSql(now)}
      ORDER BY k."organizationId", k."createdAt"`;
    const byOrganization = new Map<string, DueKey[]>();
    for (const key of due) byOrganization.set(key.organizationId, [...(byOrganization.get(key.organizationId) ?? []), key]);
    for (const [organizationId, keys] of byOrganization) {
      const names = keys
        .slice(0, NAMES_SHOWN)
        .map((key) => `“${key.name}”`)
        .join(", ");
      const more = keys.length > NAMES_SHOWN ? ` and ${keys.length - NAMES_SHOWN} more` : "";
      await notifyMembers(tx, {
        organizationId,
        title: keys.length === 1 ? `Key ${names} is due for rotation` : `${keys.length} keys are due for rotation`,
        body: `${keys.length === 1 ? "It is" : `${names}${more} are`} older than the rotation policy allows or expire within two weeks. Rotate them from the keys page.`,
        link: "/settings/secret-keys?due=1",
      });
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
