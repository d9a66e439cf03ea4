import { randomBytes } from "node:crypto";
import { PERMISSION_LEVELS, SCOPES } from "@/lib/keys/key-model";

const DAY = 86_400_000;

// The i-th key of a keys-list fixture, full of ties: mixed scopes and
// permissions, five creation times, a third never used, created by
// people[i] (in turn). The caller adds the name, environment, owner and
// whatever else its test is about.
export function listKeyRow(organizationId: string, i: number, people: (string | null)[], now: Date) {
  return {
    organizationId,
    scopes: SCOPES.filter((_, s) => (i + s) % 2 === 0),
    permission: PERMISSION_LEVELS[i % 4],
    hash: randomBytes(16).toString("hex"),
    displayPrefix: `skml_dev_${String(i).padStart(4, "0")}`,
    lastFour: "abcd",
    createdById: people[i % people.length],
    createdAt: new Date(now.getTime() - (i % 5) * DAY),
    lastUsedAt: i % 3 === 0 ? null : new Date(now.getTime() - (i % 4) * DAY),
  };
}
