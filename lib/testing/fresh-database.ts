import { inject } from "vitest";
import { createDatabase } from "./test-database";

// A database of its own, migrated and holding no rows, for tests that need
// an untouched installation (first-run setup).
export async function useFreshDatabase(): Promise<string> {
  const { url } = await createDatabase(inject("adminDatabaseUrl"), inject("templateDatabase"));
  process.env.DATABASE_URL = url;
  return url;
}
