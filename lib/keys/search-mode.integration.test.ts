import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { parseListKeysQuery } from "./list-keys-query";
import { listKeys } from "./list-keys";
import { searchMode } from "./search-mode";

// A server where the migration could not create pg_trgm has no trigram
// index: the list notices and searches name prefixes on the btree index.
beforeAll(async () => {
  await useFreshDatabase();
});

describe("search mode", () => {
  it("is trigram after the migration on a server that ships pg_trgm, prefix without its index", async () => {
    expect(await searchMode()).toBe("trigram");
    await db().$executeRawUnsafe(`DROP INDEX "SecretKey_search_trgm_idx"`);
    // Detected once per database per process: a fresh database name, as a restart would.
    process.env.DATABASE_URL = `${process.env.DATABASE_URL}?application_name=after-drop`;
    expect(await searchMode()).toBe("prefix");

    const { organization } = await createOrganizationWithAllRoles();
    await db().secretKey.createMany({
      data: ["Billing export", "nightly billing"].map((name) => ({
        organizationId: organization.id,
        name,
        environment: "DEVELOPMENT" as const,
        scopes: ["DATASET" as const],
        permission: "FULL" as const,
        hash: randomBytes(16).toString("hex"),
        displayPrefix: "skml_dev_Ab12",
        lastFour: "abcd",
      })),
    });
    const names = async (q: string) => (await listKeys(organization.id, parseListKeysQuery({ q }))).rows.map((row) => row.name);
    expect(await names("BILL")).toEqual(["Billing export"]);
    expect(await names("skml_dev_Ab")).toHaveLength(2);
    expect(await names("export")).toEqual([]);
  });
});
