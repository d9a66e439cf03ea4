import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey } from "@/lib/keys/delete-key";
import type { Environment } from "@/lib/keys/key-model";
import { rotationDue } from "@/lib/keys/key-rotation";
import { stalenessStatus } from "@/lib/keys/staleness";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { countKeysByHealth } from "./count-keys-by-health";
import { getOrganizationUsage } from "./get-organization-usage";
import { listTopKeys } from "./list-top-keys";

const now = new Date("2026-11-27T14:35:00.000Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

async function record(
  keyId: string,
  organizationId: string,
  rows: { at: string; outcome?: "ALLOWED" | "DENIED" | "REVOKED" | "RATE_LIMITED"; count: number; ip?: string }[],
) {
  await db().keyActivity.createMany({
    data: rows.map((row) => ({
      keyId,
      organizationId,
      firstSeenAt: new Date(new Date(row.at).getTime() - 1_000),
      lastSeenAt: new Date(row.at),
      ipAddress: row.ip ?? "198.51.100.1",
      userAgent: "sdk/1",
      outcome: row.outcome ?? "ALLOWED",
      requestCount: row.count,
    })),
  });
}

async function newKey(actor: Actor, name: string, environment: Environment) {
  return (await createKey({ actor, input: { name, environment, permission: "FULL", expiresInDays: "never" } })).key.id;
}

let organizationId: string;
let keys: Record<"prod" | "staging" | "ci" | "gone" | "idle", string>;

beforeAll(async () => {
  const mine = await createOrganizationWithAllRoles();
  const other = await createOrganizationWithAllRoles();
  organizationId = mine.organization.id;
  const admin = mine.actors.ADMIN;
  keys = {
    prod: await newKey(admin, "prod api", "PRODUCTION"),
    staging: await newKey(admin, "staging api", "STAGING"),
    ci: await newKey(admin, "ci runner", "CI_CD"),
    gone: await newKey(admin, "old prod api", "PRODUCTION"),
    idle: await newKey(admin, "dev laptop", "DEVELOPMENT"),
  };
  await record(keys.prod, organizationId, [
    { at: "2026-11-21T00:00:00.000Z", count: 100 },
    { at: "2026-11-27T09:00:00Z", count: 300 },
    { at: "2026-11-27T09:00:01Z", count: 20, outcome: "DENIED", ip: "203.0.113.5" },
  ]);
  await record(keys.staging, organizationId, [
    { at: "2026-11-25T12:00:00Z", count: 40 },
    { at: "2026-11-20T23:59:59.999Z", count: 5_000 },
  ]);
  await record(keys.ci, organizationId, [{ at: "2026-11-26T03:00:00Z", count: 30, outcome: "RATE_LIMITED" }]);
  await record(keys.gone, organizationId, [
    { at: "2026-11-24T10:00:00Z", count: 60 },
    { at: "2026-11-24T11:00:00Z", count: 10, outcome: "REVOKED" },
  ]);
  await deleteKey({ actor: admin, input: { keyId: keys.gone } });
  // The other organization's much busier traffic never shows.
  const theirs = await newKey(other.actors.OWNER, "their prod", "PRODUCTION");
  await record(theirs, other.organization.id, [{ at: "2026-11-27T09:00:00Z", count: 1_000_000 }]);
});

describe("getOrganizationUsage", () => {
  it("adds the organization's requests per UTC day and environment, deleted keys included", async () => {
    const usage = await getOrganizationUsage({ organizationId, range: "7d", now });
    expect(usage.buckets.map(({ start, ...counts }) => [start.toISOString().slice(0, 10), counts])).toEqual([
      ["2026-11-21", { PRODUCTION: 100, STAGING: 0, DEVELOPMENT: 0, CI_CD: 0 }],
      ["2026-11-22", { PRODUCTION: 0, STAGING: 0, DEVELOPMENT: 0, CI_CD: 0 }],
      ["2026-11-23", { PRODUCTION: 0, STAGING: 0, DEVELOPMENT: 0, CI_CD: 0 }],
      ["2026-11-24", { PRODUCTION: 70, STAGING: 0, DEVELOPMENT: 0, CI_CD: 0 }],
      ["2026-11-25", { PRODUCTION: 0, STAGING: 40, DEVELOPMENT: 0, CI_CD: 0 }],
      ["2026-11-26", { PRODUCTION: 0, STAGING: 0, DEVELOPMENT: 0, CI_CD: 30 }],
      ["2026-11-27", { PRODUCTION: 320, STAGING: 0, DEVELOPMENT: 0, CI_CD: 0 }],
    ]);
    expect(usage.outcomes).toEqual({ allowed: 500, denied: 20, revoked: 10, rateLimited: 30 });
    expect(usage).toMatchObject({ clients: 2, clientsOverflow: false, keysUsed: 4 });
  });

  it("reaches back 30 days", async () => {
    const usage = await getOrganizationUsage({ organizationId, range: "30d", now });
    expect(usage.buckets).toHaveLength(30);
    expect(usage.buckets.find((bucket) => bucket.start.toISOString().startsWith("2026-11-20"))?.STAGING).toBe(5_000);
  });
});

describe("listTopKeys", () => {
  it("ranks the organization's keys by requests, with outcomes and clients", async () => {
    const top = await listTopKeys({ organizationId, range: "7d", now });
    expect(top.map((key) => [key.name, key.requests])).toEqual([
      ["prod api", 420],
      ["old prod api", 70],
      ["staging api", 40],
      ["ci runner", 30],
    ]);
    expect(top[0]).toMatchObject({ id: keys.prod, environment: "PRODUCTION", allowed: 400, denied: 20, clients: 2, deletedAt: null });
    expect(top[1].deletedAt).not.toBeNull();
    expect((await listTopKeys({ organizationId, range: "30d", now, limit: 1 })).map((key) => key.name)).toEqual(["staging api"]);
  });
});

describe("countKeysByHealth", () => {
  it("sorts live keys by staleness and rotation as the badges do", async () => {
    const set = (id: string, createdAt: Date, lastUsedAt: Date | null) => db().secretKey.update({ where: { id }, data: { createdAt, lastUsedAt } });
    await set(keys.prod, daysAgo(200), daysAgo(0.1));
    await set(keys.staging, daysAgo(100), daysAgo(30));
    await set(keys.ci, daysAgo(400), daysAgo(120));
    await set(keys.idle, daysAgo(3), null);
    const health = await countKeysByHealth({ organizationId, now });
    expect(health).toEqual([
      { status: "recent", keys: 1, rotationDue: 1 },
      { status: "idle", keys: 1, rotationDue: 0 },
      { status: "stale", keys: 1, rotationDue: 1 },
      { status: "new", keys: 1, rotationDue: 0 },
      { status: "unused", keys: 0, rotationDue: 0 },
    ]);
    // The same answer key by key from the pure rules.
    const live = await db().secretKey.findMany({ where: { organizationId, deletedAt: null } });
    for (const row of health) {
      const mine = live.filter((key) => stalenessStatus(key, now) === row.status);
      expect(mine).toHaveLength(row.keys);
      expect(mine.filter((key) => rotationDue(key, now))).toHaveLength(row.rotationDue);
    }
  });
});
