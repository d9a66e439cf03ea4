import { db } from "@/lib/db/client";

// Setup never becomes incomplete again, so a positive answer is kept (per
// database, for processes that switch, such as tests).
const completedFor = new Set<string>();

export async function isSetupComplete(): Promise<boolean> {
  const database = process.env.DATABASE_URL ?? "";
  if (completedFor.has(database)) return true;
  const [installation, users] = await Promise.all([db().installation.findUnique({ where: { id: 1 } }), db().user.count()]);
  const completed = installation !== null || users > 0;
  if (completed) completedFor.add(database);
  return completed;
}
