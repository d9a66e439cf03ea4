import { z } from "@/lib/validation/zod";
import { ENVIRONMENTS, PERMISSION_LEVELS, SCOPES, type Environment } from "./key-model";
import { recordId } from "@/lib/validation/record-id";
import { optionalLineText } from "@/lib/validation/optional-line-text";
import { singleLineText } from "@/lib/validation/single-line-text";
import { SCOPE_ACTIONS } from "./permission-table";

export const keyName = singleLineText({ required: "Enter a name for the key.", max: 100 });

export const MAX_TEAM_LENGTH = 50;
export const MAX_DESCRIPTION_LENGTH = 500;
// A short team or service label, and what uses the key: optional, one line.
export const keyTeam = optionalLineText({ max: MAX_TEAM_LENGTH });
export const keyDescription = optionalLineText({ max: MAX_DESCRIPTION_LENGTH });
// The owner, as a form sends it: a user id, looked up among the members of
// the caller's organization (never trusted).
export const keyOwnerId = recordId({ missing: "Choose the key's owner.", invalid: "Choose a current member of your organization." });

export const EXPIRY_CHOICES = ["never", "7", "30", "60", "90", "180", "365"] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

// The rotation policy: production and CI/CD keys every 90 days, staging
// every 180, development as needed. New keys expire by it by default.
export const ROTATION_POLICY_DAYS: Record<Environment, 90 | 180 | null> = {
  PRODUCTION: 90,
  CI_CD: 90,
  STAGING: 180,
  DEVELOPMENT: null,
};
export const DEFAULT_EXPIRY = Object.fromEntries(
  Object.entries(ROTATION_POLICY_DAYS).map(([environment, days]) => [environment, days === null ? "never" : String(days)]),
) as Record<Environment, ExpiryChoice>;

const actionsOf = <T extends readonly [string, ...string[]]>(actions: T) =>
  z
    .array(z.enum(actions, { error: "Not an action of this scope." }))
    .max(actions.length)
    .optional();

const restrictedActions = z.object(
  {
    DATASET: actionsOf(SCOPE_ACTIONS.DATASET),
    TRAINING: actionsOf(SCOPE_ACTIONS.TRAINING),
    DEPLOYMENT: actionsOf(SCOPE_ACTIONS.DEPLOYMENT),
  },
  { error: "Choose the allowed actions." },
);

export const MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;
const wholeNumberMessage = "Enter a whole number of requests per minute, or leave it empty for no limit.";

// Requests per minute the verification API allows the key; empty: no limit.
export const rateLimitPerMinute = z.preprocess(
  (value) => (value === "" || value === undefined ? null : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
  z
    .number({ error: wholeNumberMessage })
    .int(wholeNumberMessage)
    .min(1, "Allow at least 1 request per minute, or leave it empty for no limit.")
    .max(MAX_RATE_LIMIT_PER_MINUTE, `Use at most ${MAX_RATE_LIMIT_PER_MINUTE.toLocaleString("en")} requests per minute.`)
    .nullable(),
);

// Shared by the create form (in the browser) and createKey (on the server).
export const createKeyInput = z
  .object({
    name: keyName,
    environment: z.enum(ENVIRONMENTS, { error: "Choose an environment." }),
    scopes: z
      .array(z.enum(SCOPES, { error: "Not a known scope." }), { error: "Choose at least one scope." })
      .min(1, "Choose at least one scope.")
      .max(3)
      .optional(),
    permission: z.enum(PERMISSION_LEVELS, { error: "Choose a permission level." }),
    restrictedActions: restrictedActions.optional(),
    expiresInDays: z.enum(EXPIRY_CHOICES, { error: "Choose when the key expires." }),
    rateLimitPerMinute: rateLimitPerMinute.optional(),
    // Absent: the creator owns the key.
    ownerId: keyOwnerId.optional(),
    team: keyTeam.optional(),
    description: keyDescription.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.permission !== "RESTRICTED") return;
    const chosenScopes = input.scopes ?? SCOPES;
    const anyAllowed = chosenScopes.some((scope) => (input.restrictedActions?.[scope]?.length ?? 0) > 0);
    if (!anyAllowed) {
      ctx.addIssue({ code: "custom", path: ["restrictedActions"], message: "Allow at least one action in one of the key's scopes." });
    }
  });
export type CreateKeyInput = z.infer<typeof createKeyInput>;

export const keyId = recordId({ missing: "Missing key id.", invalid: "Not a key id." });

export const renameKeyInput = z.object({ keyId, name: keyName });
export type RenameKeyInput = z.infer<typeof renameKeyInput>;

// Team and description left out stay as they are; empty clears them.
export const updateKeyDetailsInput = z.object({ keyId, ownerId: keyOwnerId, team: keyTeam.optional(), description: keyDescription.optional() });
export type UpdateKeyDetailsInput = z.infer<typeof updateKeyDetailsInput>;

export const deleteKeyInput = z.object({ keyId });
export type DeleteKeyInput = z.infer<typeof deleteKeyInput>;

export const MAX_BULK_DELETE = 100;
export const deleteKeysInput = z.object({
  keyIds: z
    .array(keyId, { error: "Choose the keys to delete." })
    .min(1, "Choose at least one key.")
    .max(MAX_BULK_DELETE, `Delete at most ${MAX_BULK_DELETE} keys at a time.`)
    .refine((ids) => new Set(ids).size === ids.length, "A key was chosen twice."),
});
