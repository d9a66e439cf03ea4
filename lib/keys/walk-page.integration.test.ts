import { beforeAll, describe, expect, it } from "vitest";
import { db, listDb } from "@/lib/db/client";
import { createMember, createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { listKeyRow } from "@/lib/testing/list-key-rows";
import { ENVIRONMENTS } from "./key-model";
import { keyOrder, orderParts } from "./key-order";
import { KEY_SORT_COLUMNS, parseListKeysQuery } from "./list-keys-query";
import { walkPageSql, walkRowsInRankOrder, whereSql, type Travel } from "./list-keys-sql";

// A walk read in its groups' order alone (ordered: "groups", what the list
// asks first) must give the very rows of the fully ordered walk, from the
// start and from any position, forward and back, with groups whose keys
// match nothing in between.

const now = new Date();
let organizationId: string;

beforeAll(async () => {
  const { organization, members } = await createOrganizationWithAllRoles();
  organizationId = organization.id;
  const former = await createMember(organizationId, "MEMBER");
  await db().membership.delete({ where: { id: former.membershipId } });
  const people = [...members.map((m) => m.userId), former.userId, null];
  await db().secretKey.createMany({
    data: Array.from({ length: 90 }, (_, i) => ({
      ...listKeyRow(organizationId, i, people, now),
      name: i % 5 === 0 ? "Same" : `key ${i % 11} ${i % 2 ? "needle" : "hay"}`,
      // Staging keys only from some creators: the others' groups match none.
      environment: i % people.length < 2 ? "STAGING" : ENVIRONMENTS.filter((e) => e !== "STAGING")[i % 3],
      ownerId: people[(i * 5 + 1) % people.length],
    })),
  });
});

type Row = { id: string; rank: number } & Record<`s${number}`, string>;

const shapes: Record<string, string>[] = [];
for (const dir of ["asc", "desc"]) {
  for (const sort of KEY_SORT_COLUMNS) shapes.push({ group: "owner", sort, dir });
  shapes.push({ sort: "createdBy", dir }, { sort: "owner", dir });
}

describe("walkPageSql in its groups' order", () => {
  it.each(shapes)("%o: the same rows as the fully ordered walk, from every position, both ways", async (shape) => {
    for (const filter of [{}, { environment: "STAGING" }, { q: "needle" }]) {
      const query = parseListKeysQuery({ ...shape, ...filter });
      const order = keyOrder(query.sort, query.dir, query.group);
      const parts = orderParts(order);
      const where = whereSql(organizationId, query, now, { searchMode: "trigram", searchOnLower: order.inner !== "creator" });
      const read = async (travel: Travel, ordered: "groups" | "rows") => listDb().$queryRaw<Row[]>(walkPageSql(order, organizationId, where, travel, ordered));
      const forward = { groupsDescending: order.groupsDescending, innerDescending: order.innerDescending, limit: 7 };
      const everything = await read({ ...forward, cursor: null, limit: 1000 }, "rows");
      expect(everything.length, JSON.stringify(filter)).toBeGreaterThan(10);
      for (const [index, row] of [null, ...everything].entries()) {
        for (const direction of ["next", "prev"] as const) {
          if (!row && direction === "prev") continue;
          const cursor = row ? { direction, values: parts.map((_, i) => row[`s${i}`]), id: row.id, offset: index } : null;
          const back = direction === "prev";
          const travel = { cursor, limit: 7, groupsDescending: forward.groupsDescending !== back, innerDescending: forward.innerDescending !== back };
          const fast = await read(travel, "groups");
          expect(walkRowsInRankOrder(fast, (r) => order.groupParts.map((_, i) => r[`s${i}`]).join("\u0000"))).toBe(true);
          const ids = (rows: Row[]) => rows.map((r) => r.id);
          expect(ids(fast), `${JSON.stringify(filter)} ${direction} from ${index}`).toEqual(ids(await read(travel, "rows")));
        }
      }
    }
  });
});
