import { runBin } from "./run-command";

// `prisma migrate deploy` takes an advisory lock, so several instances
// starting at once on one database apply each migration exactly once.
export async function applyMigrations(databaseUrl: string): Promise<void> {
  await runBin("prisma", ["migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
}
