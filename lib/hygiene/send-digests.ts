import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockOrganizationAndCaller } from "@/lib/auth/lock-caller";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { enqueueEmails } from "@/lib/email/enqueue-emails";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { possibleApprovers } from "@/lib/key-requests/approvers";
import { notifyUsers } from "@/lib/notifications/notify-members";
import { holdersOf, namedPeople } from "@/lib/responsibilities/named-people";
import { keyHygieneByOwner, openRequests } from "./collect-hygiene";
import { organizationDigest, personalDigest, type Digest } from "./digest-text";

type Tx = Prisma.TransactionClient;

// Any fixed number: lets one app instance at a time send digests.
const DIGEST_LOCK = 7_240_312;
const ON_DEMAND_INTERVAL_MS = 3_600_000;
const LINK = "/settings/secret-keys?owner=me";

export function digestPeriod(now: Date): string {
  return now.toISOString().slice(0, 7);
}

function startOfMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

// Composes and queues the digest for every member with something to look
// at, and the organization-wide one for its security contact and billing
// owner (the owners when neither is named). Returns how many were told.
async function sendDigest(tx: Tx, organizationId: string, now: Date): Promise<number> {
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true } });
  const [byOwner, requests, members, named, liveKeys] = await Promise.all([
    keyHygieneByOwner(tx, organizationId, now),
    openRequests(tx, organizationId, now),
    tx.membership.findMany({ where: { organizationId }, select: { userId: true, role: true, user: { select: { name: true, email: true } } } }),
    namedPeople(organizationId, tx),
    tx.secretKey.count({ where: { organizationId, deletedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } }),
  ]);
  const namedWide = [...holdersOf(named, "SECURITY_CONTACT"), ...holdersOf(named, "BILLING_OWNER")].map((p) => p.userId);
  const wide = new Set(namedWide.length ? namedWide : members.filter((m) => m.role === "OWNER").map((m) => m.userId));
  const ownerNames = new Map(members.map((m) => [m.userId, m.user.name]));
  const orgWide = organizationDigest({ organizationName: organization.name, byOwner, ownerNames, openRequests: requests.length, liveKeys });

  const deciders = new Map<string, Set<string>>();
  for (const request of requests.filter((r) => r.status === "PENDING")) {
    if (!deciders.has(request.requestedById)) {
      deciders.set(request.requestedById, new Set((await possibleApprovers(tx, organizationId, request.requestedById)).map((a) => a.userId)));
    }
  }

  let told = 0;
  for (const member of members) {
    const mine = (status: string) => requests.filter((r) => r.requestedById === member.userId && r.status === status).map((r) => r.name);
    const personal = personalDigest({
      organizationName: organization.name,
      keys: byOwner.find((h) => h.ownerId === member.userId),
      requests: {
        waitingForApproval: mine("PENDING"),
        readyToReveal: mine("APPROVED"),
        toDecide: requests.filter((r) => r.status === "PENDING" && deciders.get(r.requestedById)?.has(member.userId)).map((r) => r.name),
      },
    });
    const digest: Digest | null = wide.has(member.userId)
      ? { title: orgWide.title, body: personal ? `${orgWide.body}\n\n${personal.body}` : orgWide.body }
      : personal;
    if (!digest) continue;
    await notifyUsers(tx, { organizationId, userIds: [member.userId], title: digest.title, body: digest.body, link: LINK });
    await enqueueEmails(tx, { organizationId, to: [member.user.email], subject: `[Secret Keys] ${digest.title}`, body: `${digest.body}\n` });
    told++;
  }
  return told;
}

// The monthly digest: each organization once per calendar month (UTC),
// from the month after it was set up, however many instances run this. The unique (organization, period) row
// is claimed in the transaction that sends, so a second sender finds it
// taken; the advisory lock keeps instances from working at the same time.
export async function sendMonthlyDigests(now = new Date()): Promise<{ organizations: number; recipients: number }> {
  const period = digestPeriod(now);
  const due = await db().organization.findMany({
    where: { createdAt: { lt: startOfMonth(now) }, hygieneDigests: { none: { period } } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  let organizations = 0;
  let recipients = 0;
  for (const { id } of due) {
    await db().$transaction(async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${DIGEST_LOCK}) AS locked`;
      if (!locked) return;
      const claimed = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO "HygieneDigest" ("id", "organizationId", "period", "sentAt") VALUES (gen_random_uuid()::text, ${id}, ${period}, ${now})
        ON CONFLICT ("organizationId", "period") DO NOTHING RETURNING "id"`;
      if (claimed.length === 0) return;
      const told = await sendDigest(tx, id, now);
      await tx.hygieneDigest.update({ where: { id: claimed[0].id }, data: { recipients: told } });
      organizations++;
      recipients += told;
    });
  }
  return { organizations, recipients };
}

// Sends the digest now (owners), at most once an hour so members are not flooded.
export async function sendDigestNow(options: { actor: Actor; now?: Date }): Promise<{ recipients: number }> {
  assertCan(options.actor, "settings.manage");
  const now = options.now ?? new Date();
  const organizationId = options.actor.organizationId;
  return db().$transaction(async (tx) => {
    await lockOrganizationAndCaller(tx, options.actor, "settings.manage");
    const recent = await tx.hygieneDigest.findFirst({
      where: { organizationId, period: null, sentAt: { gt: new Date(now.getTime() - ON_DEMAND_INTERVAL_MS) } },
      orderBy: { sentAt: "desc" },
    });
    if (recent) throw new AppError("CONFLICT", "A digest went out less than an hour ago. Send the next one later.");
    const recipients = await sendDigest(tx, organizationId, now);
    await tx.hygieneDigest.create({ data: { organizationId, period: null, requestedById: options.actor.userId, recipients, sentAt: now } });
    await recordAuditEvent(tx, { actor: options.actor, action: "organization.digest_sent", details: { recipients } });
    return { recipients };
  });
}

export async function lastDigest(organizationId: string) {
  return db().hygieneDigest.findFirst({ where: { organizationId }, orderBy: { sentAt: "desc" }, select: { sentAt: true, period: true, recipients: true } });
}

// Checks soon after start, then every hour, in every instance.
export function startHygieneDigests(options: { intervalMs?: number; log?: (message: string) => void } = {}): { stop(): void } {
  const run = () =>
    void sendMonthlyDigests().catch((error: unknown) => options.log?.(`Key-hygiene digests failed: ${error instanceof Error ? error.message : String(error)}`));
  const first = setTimeout(run, 60_000);
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
