import { describe, expect, it } from "vitest";
import { poolConfigFromUrl, retypeCatalogFields } from "./migration-adapter";

describe("retypeCatalogFields", () => {
  it('reports name (19) and "char" (18) columns as text and leaves others alone', () => {
    const fields = [{ dataTypeID: 19 }, { dataTypeID: 18 }, { dataTypeID: 23 }, { dataTypeID: 25 }];
    retypeCatalogFields(fields);
    expect(fields.map((f) => f.dataTypeID)).toEqual([25, 25, 23, 25]);
  });
});

describe("poolConfigFromUrl", () => {
  it("splits a URL into fields so that overriding the database takes effect", () => {
    const config = poolConfigFromUrl("postgresql://sk%40user:p%3Ass@db.internal:6543/panel?sslmode=disable");
    expect(config).toMatchObject({ user: "sk@user", password: "p:ss", host: "db.internal", port: 6543, database: "panel", ssl: false });
    expect(config).not.toHaveProperty("connectionString");
    expect({ ...config, database: "shadow" }.database).toBe("shadow");
  });
});
