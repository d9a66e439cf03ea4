import { inject } from "vitest";
import { createDatabase, startTestRun } from "./test-database";

// A database of its own, migrated and holding no rows, for tests that need
// an untouched installation (first-run setup).
export async function useFreshDatabase(): Promise<string> {
  process.env.SK_TEST_RUN = inject("testRun");
  startTestRun();
  const { url } = await createDatabase(inject("adminDatabaseUrl"), inject("templateDatabase"));
  process.env.DATABASE_URL = url;
  return url;
}
