import type { Environment, PermissionLevel, Scope, Action } from "@/lib/keys/key-model";

// What verification needs to know of a key, cached by hash.
export type KeyRecord = {
  id: string;
  organizationId: string;
  name: string;
  environment: Environment;
  scopes: Scope[];
  permission: PermissionLevel;
  restrictedActions: Partial<Record<Scope, Action[]>> | null;
  expiresAt: number | null;
  deletedAt: number | null;
  rateLimitPerMinute: number | null;
};

export function isLive(record: KeyRecord, now: number): boolean {
  return record.deletedAt === null && (record.expiresAt === null || record.expiresAt > now);
}
