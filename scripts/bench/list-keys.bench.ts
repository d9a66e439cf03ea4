// The Secret Keys page's data query with 10,000 keys in one organization.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { generateKey, hashKey } from "@/lib/keys/key-format";
import { ENVIRONMENTS, PERMISSION_LEVELS, SCOPES } from "@/lib/keys/key-model";
import { parseListKeysQuery } from "@/lib/keys/list-keys-query";
import { listKeys } from "@/lib/keys/list-keys";
import { time, type Timing } from "./stats";

const KEY_COUNT = 10_000;
const DAY_MS = 86_400_000;

async function seed(): Promise<string> {
  const organization = await db().organization.create({ data: { name: "Bench org", granularScopes: true } });
  const user = await db().user.create({
    data: {
      email: `bench-${randomBytes(4).toString("hex")}@example.test`,
      name: "Bench User",
      passwordHash: "x",
      memberships: { create: { organizationId: organization.id, role: "OWNER" } },
    },
  });
  const now = Date.now();
  for (let start = 0; start < KEY_COUNT; start += 1000) {
    await db().secretKey.createMany({
      data: Array.from({ length: 1000 }, (_, j) => {
        const i = start + j;
        const environment = ENVIRONMENTS[i % 4];
        const key = generateKey(environment);
        return {
          organizationId: organization.id,
          name: `service-${i.toString().padStart(5, "0")}`,
          liveName: `service-${i.toString().padStart(5, "0")}`,
          environment,
          scopes: SCOPES.filter((_, s) => (i >> s) % 2 === 0 || s === i % 3),
          permission: PERMISSION_LEVELS[i % 3],
          hash: hashKey(key.secret, "bench"),
          displayPrefix: key.displayPrefix,
          lastFour: key.lastFour,
          createdById: user.id,
          createdAt: new Date(now - (i % 400) * DAY_MS),
          lastUsedAt: i % 5 === 0 ? null : new Date(now - (i % 200) * DAY_MS),
        };
      }),
    });
  }
  await db().$executeRawUnsafe(`ANALYZE "SecretKey"`);
  return organization.id;
}

export async function benchListKeys(): Promise<Record<string, Timing>> {
  const organizationId = await seed();
  const shapes: Record<string, Record<string, string>> = {
    "default (newest first, 25)": {},
    "sort by name": { sort: "name", dir: "asc" },
    "sort by last used": { sort: "lastUsedAt", dir: "asc" },
    "sort by created by": { sort: "createdBy", dir: "asc" },
    "last page of 100": { pageSize: "100", page: "100" },
    "search 'service-04'": { q: "service-04" },
    "filter env + permission": { environment: "STAGING", permission: "READ_ONLY" },
    "filter scope": { scope: "DEPLOYMENT" },
    "stale only": { stale: "1" },
    "rotation due": { due: "1" },
  };
  const results: Record<string, Timing> = {};
  for (const [label, params] of Object.entries(shapes)) {
    const query = parseListKeysQuery(params);
    results[label] = await time(50, () => listKeys(organizationId, query));
  }
  return results;
}
