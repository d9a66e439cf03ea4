import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createMember, createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { listKeyRow } from "@/lib/testing/list-key-rows";
import { ENVIRONMENTS } from "./key-model";
import { KEY_SORT_COLUMNS, parseListKeysQuery } from "./list-keys-query";
import { listKeys } from "./list-keys";
import { FILTERED_COUNT_LIMIT } from "./list-page";

// A filtered list sorted by a walk (grouped by owner, or by creator or owner)
// is read by sorting its matches when few keys match, and by walking the
// groups when many do. Both must give the order of the unfiltered list with
// the other keys left out, and a page link made by one must carry on in the
// other when the count crosses the limit between two pages.

const now = new Date();

const sameOrNeedle = (i: number) => (i % 4 === 0 ? "Same Name" : `key ${String(i % 9)} ${i % 2 === 0 ? "needle" : "hay"}`);

async function organizationWithKeys(count: number, stagingEvery: number, nameOf = sameOrNeedle) {
  const { organization, members } = await createOrganizationWithAllRoles();
  const former = await createMember(organization.id, "MEMBER");
  await db().membership.delete({ where: { id: former.membershipId } });
  const people = [...members.map((m) => m.userId), former.userId, null];
  await db().secretKey.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      ...listKeyRow(organization.id, i, people, now),
      name: nameOf(i),
      environment: i % stagingEvery === 0 ? "STAGING" : ENVIRONMENTS.filter((e) => e !== "STAGING")[i % 3],
      ownerId: people[(i * 7 + 2) % people.length],
    })),
  });
  return { organizationId: organization.id, viewerId: members[0].userId };
}

type Org = Awaited<ReturnType<typeof organizationWithKeys>>;
const list = (org: Org, params: Record<string, string | undefined>) =>
  listKeys(org.organizationId, parseListKeysQuery(params), now, { viewerId: org.viewerId });

async function allPages(org: Org, params: Record<string, string>) {
  const forward: string[][] = [];
  let page = await list(org, params);
  for (;;) {
    forward.push(page.rows.map((row) => row.id));
    if (!page.nextCursor) break;
    page = await list(org, { ...params, cursor: page.nextCursor });
  }
  const backward: string[][] = [page.rows.map((row) => row.id)];
  while (page.prevCursor) {
    page = await list(org, { ...params, cursor: page.prevCursor });
    backward.unshift(page.rows.map((row) => row.id));
  }
  return { forward, backward };
}

const walkShapes: Record<string, string>[] = [];
for (const dir of ["asc", "desc"]) {
  for (const sort of KEY_SORT_COLUMNS) walkShapes.push({ sort, dir, group: "owner" });
  walkShapes.push({ sort: "createdBy", dir }, { sort: "owner", dir });
}

describe("listKeys, a filtered walk", () => {
  let small: Org;
  beforeAll(async () => {
    small = await organizationWithKeys(150, 3);
  });

  it.each(walkShapes)("%o: few matches come in the unfiltered order, forward and back", async (shape) => {
    const unfiltered = (await allPages(small, { ...shape, pageSize: "100" })).forward.flat();
    const keys = await db().secretKey.findMany({ where: { organizationId: small.organizationId } });
    const filters: [Record<string, string>, (key: (typeof keys)[number]) => boolean][] = [
      [{ environment: "STAGING" }, (key) => key.environment === "STAGING"],
      [{ q: "needle" }, (key) => key.name.includes("needle")],
    ];
    for (const [filter, matches] of filters) {
      const matching = new Set(keys.filter(matches).map((key) => key.id));
      const expected = unfiltered.filter((id) => matching.has(id));
      expect(expected.length).toBeGreaterThan(30);
      const { forward, backward } = await allPages(small, { ...shape, ...filter, pageSize: "10" });
      expect(forward.flat(), JSON.stringify(filter)).toEqual(expected);
      expect(backward).toEqual(forward);
      // Counted with the matches: the total, and each owner group on the page.
      const first = await list(small, { ...shape, ...filter, pageSize: "10" });
      expect(first.total).toEqual({ count: expected.length, more: false });
      const members = new Set((await db().membership.findMany({ where: { organizationId: small.organizationId } })).map((m) => m.userId));
      const groupOf = (key: (typeof keys)[number]) => (key.ownerId && members.has(key.ownerId) ? key.ownerId : "none");
      const expectedGroups = first.groups.map(({ group }) => ({
        group,
        count: keys.filter((key) => matching.has(key.id) && groupOf(key) === group).length,
        more: false,
      }));
      expect(first.groups).toEqual(expectedGroups);
      expect(first.groups.length > 0).toBe(shape.group === "owner");
    }
  });

  it.each<Record<string, string>>([
    { group: "owner", sort: "name", dir: "asc" },
    { group: "owner", sort: "createdBy", dir: "desc" },
    { sort: "owner", dir: "desc" },
  ])("%o: carries on from a page link when the count crosses the limit between two pages, either way", async (shape) => {
    const big = await organizationWithKeys(FILTERED_COUNT_LIMIT + 60, 1);
    const params = { ...shape, environment: "STAGING", pageSize: "10" };
    const ids = async () => (await allPages(big, { ...params, pageSize: "100" })).forward.flat();
    const manyOrder = await ids();
    expect(manyOrder).toHaveLength(FILTERED_COUNT_LIMIT + 60);

    // Many match (walked); 100 keys past the first pages go; few match (sorted).
    const first = await list(big, params);
    expect(first.total).toEqual({ count: FILTERED_COUNT_LIMIT, more: true });
    const gone = manyOrder.slice(-100);
    await db().secretKey.updateMany({ where: { id: { in: gone } }, data: { deletedAt: now } });
    const second = await list(big, { ...params, cursor: first.nextCursor! });
    expect(second.total.more).toBe(false);
    expect(second.rows.map((row) => row.id)).toEqual(manyOrder.slice(10, 20));
    const back = await list(big, { ...params, cursor: second.prevCursor! });
    expect(back.rows.map((row) => row.id)).toEqual(manyOrder.slice(0, 10));

    // And back: few match (sorted), then many again (walked).
    const third = await list(big, { ...params, cursor: second.nextCursor! });
    await db().secretKey.updateMany({ where: { id: { in: gone } }, data: { deletedAt: null } });
    const fourth = await list(big, { ...params, cursor: third.nextCursor! });
    expect(fourth.total.more).toBe(true);
    expect(fourth.rows.map((row) => row.id)).toEqual(manyOrder.slice(30, 40));
    expect(await ids()).toEqual(manyOrder);
  });

  // Walked, a search is written on lower() so the person indexes can answer
  // it alone; it must find exactly what the plain list's ILIKE finds, with
  // case beyond ASCII and LIKE's wildcards taken literally.
  it.each<Record<string, string>>([
    { sort: "createdBy", dir: "asc" },
    { sort: "owner", dir: "desc" },
    { group: "owner", sort: "createdBy", dir: "asc" },
    { group: "owner", sort: "owner", dir: "asc" },
  ])("%o: a walked search finds what the plain list finds", async (shape) => {
    const nameOf = (i: number) => `${i % 20 === 0 ? "Ärger 100x" : i % 20 === 10 ? "ÉCOLE" : i % 2 ? "ÄRGER 100%_\\x" : "ärger 100%_\\y"} ${i}`;
    const big = await organizationWithKeys(FILTERED_COUNT_LIMIT + 160, 1, nameOf);
    for (const q of ["ärger 100%_\\", "école", "RGER", "100%_\\y"]) {
      const plain = (await allPages(big, { q, pageSize: "100" })).forward.flat();
      const walked = await list(big, { ...shape, q, pageSize: "100" });
      expect(walked.total.more, q).toBe(plain.length > FILTERED_COUNT_LIMIT);
      const walkedIds = (await allPages(big, { ...shape, q, pageSize: "100" })).forward.flat();
      expect(new Set(walkedIds), q).toEqual(new Set(plain));
      expect(walkedIds).toHaveLength(plain.length);
    }
  });
});
