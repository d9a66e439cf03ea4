import { db } from "@/lib/db/client";
import { rotationDueSql } from "./rotation-due-sql";
import { rotationReminderMessages } from "./rotation-reminder-messages";

// Any fixed number: the advisory lock that lets one app instance at a time
// send reminders.
const REMINDER_LOCK = 7_240_311;

type DueKey = { id: string; name: string; ownerId: string | null };

// One organization's due keys, told and marked in one transaction, under the
// lock; false when another instance holds it (it is sending meanwhile). The
// keys are read again under the lock, so a key is never told twice.
async function remindOrganization(organizationId: string, now: Date): Promise<{ locked: boolean; keys: number }> {
  return db().$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${REMINDER_LOCK}) AS locked`;
    if (!locked) return { locked: false, keys: 0 };
    const due = await tx.$queryRaw<DueKey[]>`
      SELECT k."id", k."name", k."ownerId" FROM "SecretKey" k
      WHERE k."organizationId" = ${organizationId} AND k."deletedAt" IS NULL AND k."rotationRemindedAt" IS NULL AND ${rotationDueSql(now)}
      ORDER BY k."createdAt"`;
    if (due.length === 0) return { locked: true, keys: 0 };
    const members = await tx.membership.findMany({ where: { organizationId }, select: { userId: true }, orderBy: { createdAt: "asc" } });
    const messages = rotationReminderMessages(
      due,
      members.map((member) => member.userId),
    );
    await tx.notification.createMany({ data: messages.map((message) => ({ ...message, organizationId })) });
    // One array parameter, however many keys (a list of ids would pass the
    // protocol's 65,535 parameters at a large organization's first run).
    await tx.$executeRaw`UPDATE "SecretKey" SET "rotationRemindedAt" = ${now} WHERE "id" = ANY(${due.map((key) => key.id)}::text[])`;
    return { locked: true, keys: due.length };
  });
}

// Tells each organization, once per key, which live keys are due for
// rotation (past the policy or expiring within two weeks): one in-app
// notification per member and run, linking to the filtered list; a key's
// owner is told about their own keys (rotationReminderMessages). One
// organization per transaction, so a large one's first run neither holds
// every organization's rows nor grows one transaction without bound.
export async function sendRotationReminders(now = new Date()): Promise<{ organizations: number; keys: number }> {
  const organizations = await db().$queryRaw<{ organizationId: string }[]>`
    SELECT DISTINCT k."organizationId" FROM "SecretKey" k
    WHERE k."deletedAt" IS NULL AND k."rotationRemindedAt" IS NULL AND ${rotationDueSql(now)}`;
  const told = { organizations: 0, keys: 0 };
  for (const { organizationId } of organizations) {
    const { locked, keys } = await remindOrganization(organizationId, now);
    if (!locked) break;
    if (keys > 0) told.organizations++;
    told.keys += keys;
  }
  return told;
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
