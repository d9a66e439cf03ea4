import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createMember, createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { listKeyRow } from "@/lib/testing/list-key-rows";
import { ENVIRONMENTS } from "./key-model";
import { KEY_SORT_COLUMNS, parseListKeysQuery } from "./list-keys-query";
import { listKeys } from "./list-keys";

const now = new Date();
let organizationId: string;
let otherOrganizationId: string;
let viewerId: string;
let liveIds: string[];

// 37 keys full of ties: five creation times, names that differ only in case,
// many never used, several creators and owners (one a former member, some
// none), and deleted keys that must never show.
beforeAll(async () => {
  const { organization, members } = await createOrganizationWithAllRoles();
  organizationId = organization.id;
  viewerId = members[0].userId;
  const former = await createMember(organizationId, "MEMBER");
  await db().membership.delete({ where: { id: former.membershipId } });
  const people = [...members.map((m) => m.userId), former.userId, null];
  const data = Array.from({ length: 45 }, (_, i) => ({
    ...listKeyRow(organizationId, i, people, now),
    name: i % 3 === 0 ? "Shared Name" : i % 3 === 1 ? "shared name" : `key ${String(i % 7)}`,
    environment: ENVIRONMENTS[i % 4],
    ownerId: people[(i + 2) % people.length],
    deletedAt: i >= 37 ? now : null,
  }));
  await db().secretKey.createMany({ data });
  liveIds = (await db().secretKey.findMany({ where: { organizationId, deletedAt: null }, select: { id: true } })).map((k) => k.id).sort();
  const other = await createOrganizationWithAllRoles();
  otherOrganizationId = other.organization.id;
  await db().secretKey.createMany({
    data: data
      .slice(0, 5)
      .map((key) => ({ ...key, organizationId: otherOrganizationId, hash: randomBytes(16).toString("hex"), createdById: null, ownerId: null })),
  });
});

const list = (params: Record<string, string | undefined>, orgId = organizationId) => listKeys(orgId, parseListKeysQuery(params), now, { viewerId });

// Every page forward, then every page back from the end.
async function walk(params: Record<string, string>) {
  const forward: string[][] = [];
  const labels: { start: number; count: number }[] = [];
  let page = await list(params);
  expect(page.prevCursor).toBeNull();
  for (;;) {
    forward.push(page.rows.map((row) => row.id));
    labels.push({ start: page.start, count: page.rows.length });
    if (!page.nextCursor) break;
    page = await list({ ...params, cursor: page.nextCursor });
  }
  const backward: string[][] = [page.rows.map((row) => row.id)];
  while (page.prevCursor) {
    page = await list({ ...params, cursor: page.prevCursor });
    backward.unshift(page.rows.map((row) => row.id));
  }
  return { forward, backward, labels };
}

const shapes: Record<string, string>[] = [];
for (const sort of KEY_SORT_COLUMNS) {
  for (const dir of ["asc", "desc"]) {
    shapes.push({ sort, dir });
    shapes.push({ sort, dir, group: "owner" });
  }
}

describe("listKeys, paging by cursor", () => {
  it.each(shapes)("%o: forward and back, each live key exactly once, in the order one big page gives", async (shape) => {
    const whole = (await list({ ...shape, pageSize: "100" })).rows.map((row) => row.id);
    expect([...whole].sort()).toEqual(liveIds);
    const { forward, backward, labels } = await walk({ ...shape, pageSize: "10" });
    expect(forward.flat()).toEqual(whole);
    expect(backward).toEqual(forward);
    expect(forward.map((rows) => rows.length)).toEqual([10, 10, 10, 7]);
    expect(labels.map((label) => label.start)).toEqual([0, 10, 20, 30]);
  });

  // Checked against the order written out here, not only against itself: a
  // walk of (owner, creator) pairs must give what sorting would. The
  // fixture's pairs hold one or two keys, so some pages fill within the
  // pairs a page may read and others fall back to the SQL walk.
  it.each([
    ["asc", "10"],
    ["desc", "10"],
    ["asc", "25"],
    ["desc", "25"],
  ])("grouped by owner, by creator %s, pages of %s: members A to Z, then keys without an active owner; within each, by creator", async (dir, pageSize) => {
    const members = await db().membership.findMany({ where: { organizationId }, include: { user: true } });
    const memberName = new Map(members.map((m) => [m.userId, m.user.name.toLowerCase()]));
    const keys = await db().secretKey.findMany({ where: { organizationId, deletedAt: null }, include: { createdBy: true } });
    const position = (key: (typeof keys)[number]) => {
      const active = key.ownerId !== null && memberName.has(key.ownerId);
      return {
        group: active ? [0, memberName.get(key.ownerId!)!, key.ownerId!] : [1, "", ""],
        inner: [key.createdBy?.name.toLowerCase() ?? "", key.createdById ?? "", key.id],
      };
    };
    const compare = (a: (string | number)[], b: (string | number)[]) => {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
      return 0;
    };
    const expected = [...keys]
      .sort((a, b) => {
        const [pa, pb] = [position(a), position(b)];
        return compare(pa.group, pb.group) || (dir === "asc" ? 1 : -1) * compare(pa.inner, pb.inner);
      })
      .map((key) => key.id);
    const { forward, backward } = await walk({ group: "owner", sort: "createdBy", dir, pageSize });
    expect(forward.flat()).toEqual(expected);
    expect(backward).toEqual(forward);
  });

  it("pages filters, search and a page size changed midway", async () => {
    const filterSets: Record<string, string>[] = [
      { environment: "STAGING" },
      { owner: "none" },
      { q: "shared" },
      { scope: "TRAINING", permission: "FULL" },
      { stale: "1" },
    ];
    for (const filters of filterSets) {
      const whole = (await list({ ...filters, pageSize: "100" })).rows.map((row) => row.id);
      const { forward } = await walk({ ...filters, pageSize: "10" });
      expect(forward.flat(), JSON.stringify(filters)).toEqual(whole);
    }
    const first = await list({ pageSize: "10", sort: "name", dir: "asc" });
    const bigger = await list({ pageSize: "25", sort: "name", dir: "asc", cursor: first.nextCursor! });
    const whole = (await list({ pageSize: "100", sort: "name", dir: "asc" })).rows.map((row) => row.id);
    expect(bigger.rows.map((row) => row.id)).toEqual(whole.slice(10, 35));
    expect(bigger.start).toBe(10);
  });

  it("a key deleted between pages is skipped, never repeated; going back past new keys lands on a full first page", async () => {
    const first = await list({ pageSize: "10", sort: "createdAt", dir: "desc" });
    const second = await list({ pageSize: "10", sort: "createdAt", dir: "desc", cursor: first.nextCursor! });
    const victim = second.rows[0].id;
    await db().secretKey.update({ where: { id: victim }, data: { deletedAt: now } });
    try {
      const again = await list({ pageSize: "10", sort: "createdAt", dir: "desc", cursor: first.nextCursor! });
      expect(again.rows.map((row) => row.id)).not.toContain(victim);
      expect(again.rows.map((row) => row.id)).not.toContain(first.rows[9].id);
      const back = await list({ pageSize: "10", sort: "createdAt", dir: "desc", cursor: again.prevCursor! });
      expect(back.start).toBe(0);
      expect(back.rows).toHaveLength(10);
      expect(back.prevCursor).toBeNull();
    } finally {
      await db().secretKey.update({ where: { id: victim }, data: { deletedAt: null } });
    }
  });

  it("counts exactly below the limit", async () => {
    expect((await list({})).total).toEqual({ count: 37, more: false });
    expect((await list({ environment: "PRODUCTION" })).total.count).toBe(10);
    const grouped = await list({ group: "owner", pageSize: "100" });
    expect(grouped.groups.reduce((sum, group) => sum + group.count, 0)).toBe(37);
  });
});
