import type { Action, Environment, PermissionLevel, Scope } from "./key-model";

// What of a key may leave the server: never its hash, never its secret.
export type KeySummary = {
  id: string;
  name: string;
  environment: Environment;
  scopes: Scope[];
  permission: PermissionLevel;
  restrictedActions: Partial<Record<Scope, Action[]>> | null;
  displayPrefix: string;
  lastFour: string;
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  deletedAt: Date | null;
  rotatedAt: Date | null;
  rotatedToId: string | null;
  rateLimitPerMinute: number | null;
  ownerId: string | null;
  ownerName: string | null;
  // Whether the owner is still a member of the key's organization.
  ownerActive: boolean;
  team: string | null;
  description: string | null;
};

type KeyRow = Omit<KeySummary, "createdByName" | "restrictedActions" | "ownerName" | "ownerActive"> & {
  restrictedActions: unknown;
  createdBy?: { name: string } | null;
  createdByName?: string | null;
  // The owner with their memberships in the key's organization (none: a former member).
  owner?: { name: string; memberships: unknown[] } | null;
  ownerName?: string | null;
  ownerActive?: boolean | null;
};

export function toKeySummary(row: KeyRow): KeySummary {
  return {
    id: row.id,
    name: row.name,
    environment: row.environment,
    scopes: row.scopes,
    permission: row.permission,
    restrictedActions: (row.restrictedActions as KeySummary["restrictedActions"]) ?? null,
    displayPrefix: row.displayPrefix,
    lastFour: row.lastFour,
    createdAt: row.createdAt,
    createdByName: row.createdByName ?? row.createdBy?.name ?? null,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    deletedAt: row.deletedAt,
    rotatedAt: row.rotatedAt,
    rotatedToId: row.rotatedToId,
    rateLimitPerMinute: row.rateLimitPerMinute,
    ownerId: row.ownerId,
    ownerName: row.ownerName ?? row.owner?.name ?? null,
    ownerActive: row.ownerId !== null && (row.ownerActive ?? (row.owner?.memberships.length ?? 0) > 0),
    team: row.team,
    description: row.description,
  };
}
