import { db } from "@/lib/db/client";

let completed = false;

// Setup never becomes incomplete again, so a positive answer is kept.
export async function isSetupComplete(): Promise<boolean> {
  if (completed) return true;
  const [installation, users] = await Promise.all([
    db().installation.findUnique({ where: { id: 1 } }),
    db().user.count(),
  ]);
  completed = installation !== null || users > 0;
  return completed;
}
