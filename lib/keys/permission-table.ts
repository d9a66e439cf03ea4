import { ACTIONS, SCOPES, type Action, type PermissionLevel, type Scope } from "./key-model";

export type ScopeActions = Record<Scope, readonly Action[]>;

// What each scope supports at all: only datasets carry annotations.
export const SCOPE_ACTIONS = {
  DATASET: ["read", "write", "annotate"],
  TRAINING: ["read", "write"],
  DEPLOYMENT: ["read", "write"],
} as const satisfies ScopeActions;

// The one table of what a permission level allows per scope. Verification,
// the create form's descriptions and the tests all read it. RESTRICTED has no
// fixed row: each key carries its own set, bounded by SCOPE_ACTIONS.
export const PERMISSION_TABLE: Record<Exclude<PermissionLevel, "RESTRICTED">, ScopeActions> = {
  FULL: SCOPE_ACTIONS,
  READ_ONLY: { DATASET: ["read"], TRAINING: ["read"], DEPLOYMENT: ["read"] },
  LABELER_ONLY: { DATASET: ["read", "annotate"], TRAINING: [], DEPLOYMENT: [] },
};

export const PERMISSION_DESCRIPTIONS: Record<PermissionLevel, string> = {
  FULL: "Read and write everything in its scopes, including annotations.",
  READ_ONLY: "Read everything in its scopes; change nothing.",
  LABELER_ONLY: "Read datasets and create or modify annotations; nothing else.",
  RESTRICTED: "Only the actions you choose, scope by scope.",
};

export type KeyGrant = {
  scopes: readonly Scope[];
  permission: PermissionLevel;
  restrictedActions?: Partial<ScopeActions> | null;
};

export function allowedActions(grant: KeyGrant, scope: Scope): readonly Action[] {
  if (!grant.scopes.includes(scope)) return [];
  if (grant.permission !== "RESTRICTED") return PERMISSION_TABLE[grant.permission][scope];
  const chosen = grant.restrictedActions?.[scope] ?? [];
  return (SCOPE_ACTIONS[scope] as readonly Action[]).filter((action) => chosen.includes(action));
}

export function isAllowed(grant: KeyGrant, scope: Scope, action: Action): boolean {
  return allowedActions(grant, scope).includes(action);
}

// Every (scope, action) pair a grant allows, for display.
export function grantSummary(grant: KeyGrant): { scope: Scope; actions: readonly Action[] }[] {
  return SCOPES.map((scope) => ({ scope, actions: allowedActions(grant, scope) })).filter((row) => row.actions.length > 0);
}

export { ACTIONS };
