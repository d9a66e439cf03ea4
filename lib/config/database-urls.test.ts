import { describe, expect, it } from "vitest";
import { databaseUrls } from "./database-urls";

describe("databaseUrls", () => {
  it("uses DATABASE_URL for everything when no direct URL is set", () => {
    const urls = databaseUrls({ DATABASE_URL: "postgresql://u:p@db:5432/keys" });
    expect(urls).toEqual({ pooled: "postgresql://u:p@db:5432/keys", direct: "postgresql://u:p@db:5432/keys", throughPooler: false });
  });

  it("keeps session-scoped work on DIRECT_DATABASE_URL behind a pooler", () => {
    const urls = databaseUrls({ DATABASE_URL: "postgresql://u:p@pgbouncer:6432/keys", DIRECT_DATABASE_URL: "postgresql://u:p@db:5432/keys" });
    expect(urls.pooled).toContain("pgbouncer");
    expect(urls.direct).toContain("db:5432");
    expect(urls.throughPooler).toBe(true);
  });

  it("treats an empty DIRECT_DATABASE_URL as unset", () => {
    expect(databaseUrls({ DATABASE_URL: "postgres://u@db/keys", DIRECT_DATABASE_URL: "" }).throughPooler).toBe(false);
  });

  it("refuses a malformed URL without echoing it (it may hold a password)", () => {
    expect(() => databaseUrls({ DATABASE_URL: "postgresql://u@db/keys", DIRECT_DATABASE_URL: "mysql://u:hunter2@db" })).toThrow(
      /^DIRECT_DATABASE_URL must be a postgresql:\/\/ connection string\.$/,
    );
    expect(() => databaseUrls({})).toThrow(/DATABASE_URL is not set/);
  });
});
