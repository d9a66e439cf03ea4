import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { parseListKeysQuery } from "./list-keys-query";
import { INVALID_CURSOR_MESSAGE, listKeys } from "./list-keys";

let mine: string;
let theirs: string;

async function seed(organizationId: string, names: string[]) {
  await db().secretKey.createMany({
    data: names.map((name, i) => ({
      organizationId,
      name,
      environment: "DEVELOPMENT" as const,
      scopes: ["DATASET" as const],
      permission: "FULL" as const,
      hash: randomBytes(16).toString("hex"),
      displayPrefix: `skml_dev_${randomBytes(2).toString("hex")}`,
      lastFour: "abcd",
      createdAt: new Date(Date.now() - i * 1000),
    })),
  });
}

beforeAll(async () => {
  mine = (await createOrganizationWithAllRoles()).organization.id;
  theirs = (await createOrganizationWithAllRoles()).organization.id;
  await seed(mine, [
    "alpha",
    "100% sure",
    "under_score",
    "back\\slash",
    "plain",
    "Prefixed one",
    "prefixed two",
    "underXscore decoy",
    "1000 sure decoy",
    "backslash decoy",
  ]);
  await seed(
    theirs,
    Array.from({ length: 30 }, (_, i) => `their key ${i}`),
  );
});

const refused = async (organizationId: string, params: Record<string, string>) => {
  const error = await listKeys(organizationId, parseListKeysQuery(params)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "INVALID_INPUT", message: INVALID_CURSOR_MESSAGE });
};

describe("the keys list under attack", () => {
  it("another organization's cursor is refused and shows none of its keys", async () => {
    const theirPage = await listKeys(theirs, parseListKeysQuery({ pageSize: "10" }));
    await refused(mine, { pageSize: "10", cursor: theirPage.nextCursor! });
  });

  it("a cursor for other filters or another sort is refused", async () => {
    const page = await listKeys(theirs, parseListKeysQuery({ pageSize: "10" }));
    await refused(theirs, { pageSize: "10", sort: "name", cursor: page.nextCursor! });
    await refused(theirs, { pageSize: "10", q: "their", cursor: page.nextCursor! });
  });

  it('a cursor for "my keys" is refused for anyone else: it was made for its viewer\'s keys', async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await seed(
      organization.id,
      Array.from({ length: 15 }, (_, i) => `owned ${i}`),
    );
    await db().secretKey.updateMany({ where: { organizationId: organization.id }, data: { ownerId: actors.OWNER.userId } });
    const params = { pageSize: "10", owner: "me" };
    const first = await listKeys(organization.id, parseListKeysQuery(params), new Date(), { viewerId: actors.OWNER.userId });
    const next = { ...params, cursor: first.nextCursor! };
    expect((await listKeys(organization.id, parseListKeysQuery(next), new Date(), { viewerId: actors.OWNER.userId })).rows).toHaveLength(5);
    const error = await listKeys(organization.id, parseListKeysQuery(next), new Date(), { viewerId: actors.ADMIN.userId }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", message: INVALID_CURSOR_MESSAGE });
  });

  it("forged, truncated, huge and prototype-named cursors are refused before any query", async () => {
    const page = await listKeys(theirs, parseListKeysQuery({ pageSize: "10" }));
    for (const cursor of ["__proto__", "constructor", "x.y", page.nextCursor!.slice(0, -2), "A".repeat(50_000), `${page.nextCursor}\u0007`]) {
      await refused(theirs, { pageSize: "10", cursor });
    }
  });

  it("__proto__ and constructor as sort or filter values fall back to defaults", async () => {
    for (const value of ["__proto__", "constructor", "toString"]) {
      const page = await listKeys(mine, parseListKeysQuery({ sort: value, dir: value, scope: value, permission: value, environment: value, group: value }));
      expect(page.rows).toHaveLength(10);
    }
  });

  it.each(["trigram", "prefix"] as const)("search by %s takes %, _ and \\ literally and control characters harmlessly", async (searchMode) => {
    const names = async (q: string) =>
      (await listKeys(mine, parseListKeysQuery({ q, sort: "name", dir: "asc" }), new Date(), { searchMode })).rows.map((row) => row.name);
    const substring = searchMode === "trigram";
    expect(await names("%")).toEqual(substring ? ["100% sure"] : []);
    expect(await names("100%")).toEqual(["100% sure"]);
    expect(await names("under_")).toEqual(["under_score"]);
    expect(await names("r_s")).toEqual(substring ? ["under_score"] : []);
    expect(await names("back\\")).toEqual(["back\\slash"]);
    expect(await names("100")).toEqual(["100% sure", "1000 sure decoy"]);
    expect(await names("PREFIXED")).toEqual(["Prefixed one", "prefixed two"]);
    expect(await names(substring ? "fixed" : "prefixed t")).toEqual(substring ? ["Prefixed one", "prefixed two"] : ["prefixed two"]);
    expect(await names("\u0007\t")).toEqual([]);
    expect(await names("x".repeat(100))).toEqual([]);
  });
});
