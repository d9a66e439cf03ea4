// `npm run bench`: prints figures and writes them to bench-results/. Speed
// targets are checked here, never in timed tests.
import fs from "node:fs";
import { disconnectAll } from "@/lib/db/client";
import { startBenchDatabase } from "./bench/bench-database";
import { benchListKeys } from "./bench/list-keys.bench";

async function main() {
  const database = await startBenchDatabase();
  process.env.DATABASE_URL = database.url;
  try {
    console.log("Secret Keys page data query, 10,000 keys in one organization (50 runs each):\n");
    const listKeys = await benchListKeys();
    console.table(listKeys);
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync("bench-results/list-keys.json", JSON.stringify({ measuredAt: new Date().toISOString(), keys: 10_000, results: listKeys }, null, 2));
    console.log("\nWritten to bench-results/list-keys.json");
  } finally {
    await disconnectAll();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
