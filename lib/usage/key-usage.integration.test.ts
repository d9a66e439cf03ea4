import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { createKey } from "@/lib/keys/create-key";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { getDailyRequests } from "./get-daily-requests";
import { getKeyUsage } from "./get-key-usage";

// A fixed clock: the 24-hour window runs from 15:00 yesterday to 15:00 today
// (UTC); the 7-day one from Nov 21 to the end of Nov 27.
const now = new Date("2026-11-27T14:35:00.000Z");
const at = (iso: string) => new Date(iso);

type Activity = { at: Date; ip?: string; ua?: string | null; outcome?: "ALLOWED" | "DENIED" | "REVOKED" | "RATE_LIMITED"; count?: number; overflow?: boolean };

async function record(keyId: string, organizationId: string, rows: Activity[]) {
  await db().keyActivity.createMany({
    data: rows.map((row) => ({
      keyId,
      organizationId,
      firstSeenAt: new Date(row.at.getTime() - 1_500),
      lastSeenAt: row.at,
      ipAddress: row.ip ?? "198.51.100.1",
      userAgent: row.ua === undefined ? "sdk/1" : row.ua,
      scope: "DATASET" as const,
      action: "read",
      outcome: row.outcome ?? "ALLOWED",
      requestCount: row.count ?? 1,
      overflow: row.overflow ?? false,
    })),
  });
}

const newKey = async (actor: Actor, name: string) =>
  (await createKey({ actor, input: { name, environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" } })).key.id;

let organizationId: string;
let otherOrganizationId: string;
let keyId: string;
let quietKeyId: string;
let otherKeyId: string;

beforeAll(async () => {
  const mine = await createOrganizationWithAllRoles();
  const other = await createOrganizationWithAllRoles();
  organizationId = mine.organization.id;
  otherOrganizationId = other.organization.id;
  keyId = await newKey(mine.actors.ADMIN, "busy key");
  quietKeyId = await newKey(mine.actors.ADMIN, "quiet key");
  otherKeyId = await newKey(other.actors.OWNER, "their key");

  await record(keyId, organizationId, [
    // Just before the 24-hour window: counted in the week only.
    { at: at("2026-11-26T14:59:59.999Z"), count: 1_000 },
    // The window's first instant: the first hour.
    { at: at("2026-11-26T15:00:00.000Z"), count: 5 },
    // 10:00 hour: one client twice, the same address with another agent, an
    // agentless client, and each refusal.
    { at: at("2026-11-27T10:05:00Z"), ip: "198.51.100.1", ua: "sdk/1", count: 10 },
    { at: at("2026-11-27T10:45:00Z"), ip: "198.51.100.1", ua: "sdk/1", count: 3, outcome: "DENIED" },
    { at: at("2026-11-27T10:46:00Z"), ip: "198.51.100.1", ua: "curl/8", count: 2, outcome: "REVOKED" },
    { at: at("2026-11-27T10:59:59.999Z"), ip: "203.0.113.9", ua: null, count: 1, outcome: "RATE_LIMITED" },
    // The current hour, with an overflow row standing for many clients.
    { at: at("2026-11-27T14:30:00Z"), ip: "203.0.113.9", ua: null, count: 4 },
    { at: at("2026-11-27T14:31:00Z"), ip: "*", ua: null, count: 50, overflow: true },
    // Earlier in the week, and 8 days ago (outside it).
    { at: at("2026-11-22T08:00:00Z"), count: 7 },
    { at: at("2026-11-20T23:59:59.999Z"), count: 100 },
  ]);
  // Rows of another organization, even naming this key, never count.
  await record(otherKeyId, otherOrganizationId, [{ at: at("2026-11-27T10:10:00Z"), count: 999 }]);
  await record(keyId, otherOrganizationId, [{ at: at("2026-11-27T10:10:00Z"), count: 888 }]);
});

describe("getKeyUsage", () => {
  it("counts hourly by outcome, the window's first instant in its first hour", async () => {
    const usage = await getKeyUsage({ organizationId, keyId, range: "24h", now });
    expect(usage.buckets).toHaveLength(24);
    expect(usage.buckets[0]).toMatchObject({ start: at("2026-11-26T15:00:00Z"), allowed: 5, denied: 0 });
    const tenOClock = usage.buckets.find((bucket) => bucket.start.toISOString() === "2026-11-27T10:00:00.000Z");
    expect(tenOClock).toEqual({ start: at("2026-11-27T10:00:00Z"), allowed: 10, denied: 3, revoked: 2, rateLimited: 1, clients: 3, clientsOverflow: false });
    expect(usage.buckets.at(-1)).toMatchObject({ start: at("2026-11-27T14:00:00Z"), allowed: 54, clients: 1, clientsOverflow: true });
    const total = usage.buckets.reduce((sum, bucket) => sum + bucket.allowed + bucket.denied + bucket.revoked + bucket.rateLimited, 0);
    expect(total).toBe(5 + 16 + 54);
  });

  it("counts distinct clients over the window, not the sum of the buckets", async () => {
    const usage = await getKeyUsage({ organizationId, keyId, range: "24h", now });
    // sdk/1 and agentless 203.0.113.9 appear in two buckets each; curl/8 once.
    expect(usage.buckets.reduce((sum, bucket) => sum + bucket.clients, 0)).toBe(5);
    expect(usage).toMatchObject({ clients: 3, clientsOverflow: true });
  });

  it("cuts UTC days for 7 and 30 days, leaving out what came before", async () => {
    const week = await getKeyUsage({ organizationId, keyId, range: "7d", now });
    expect(week.buckets.map((bucket) => bucket.start.toISOString().slice(0, 10))).toEqual([
      "2026-11-21",
      "2026-11-22",
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
    ]);
    expect(week.buckets.map((bucket) => bucket.allowed)).toEqual([0, 7, 0, 0, 0, 1_005, 64]);
    const month = await getKeyUsage({ organizationId, keyId, range: "30d", now });
    expect(month.buckets).toHaveLength(30);
    expect(month.buckets.find((bucket) => bucket.start.toISOString().startsWith("2026-11-20"))?.allowed).toBe(100);
  });

  it("gives empty buckets for a key without traffic, and nothing of a key to another organization", async () => {
    const quiet = await getKeyUsage({ organizationId, keyId: quietKeyId, range: "7d", now });
    expect(quiet.buckets).toHaveLength(7);
    expect(quiet.buckets.every((bucket) => bucket.allowed + bucket.denied + bucket.revoked + bucket.rateLimited + bucket.clients === 0)).toBe(true);
    expect(quiet).toMatchObject({ clients: 0, clientsOverflow: false });
    const foreign = await getKeyUsage({ organizationId, keyId: otherKeyId, range: "24h", now });
    expect(foreign.buckets.every((bucket) => bucket.allowed === 0)).toBe(true);
    const theirs = await getKeyUsage({ organizationId: otherOrganizationId, keyId: otherKeyId, range: "24h", now });
    expect(theirs.buckets.find((bucket) => bucket.allowed > 0)?.allowed).toBe(999);
  });
});

describe("getDailyRequests", () => {
  it("gives every key on the page seven days of requests in one query, other organizations' keys zeros", async () => {
    const daily = await getDailyRequests({ organizationId, keyIds: [keyId, quietKeyId, otherKeyId, keyId], now });
    expect(daily).toEqual({
      [keyId]: [0, 7, 0, 0, 0, 1_005, 16 + 54],
      [quietKeyId]: [0, 0, 0, 0, 0, 0, 0],
      [otherKeyId]: [0, 0, 0, 0, 0, 0, 0],
    });
    expect(await getDailyRequests({ organizationId, keyIds: [], now })).toEqual({});
  });
});
