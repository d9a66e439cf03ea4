import { z } from "@/lib/validation/zod";
import { isStorableText } from "@/lib/validation/stored-text";
import { ENVIRONMENTS, PERMISSION_LEVELS, SCOPES } from "./key-model";

export const KEY_SORT_COLUMNS = ["name", "scopes", "permission", "environment", "createdAt", "lastUsedAt", "createdBy", "owner"] as const;
export type KeySortColumn = (typeof KEY_SORT_COLUMNS)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

// The owner filter: the viewer ("me"), keys without an active owner ("none"),
// or one member's user id (matched against the organization's keys only).
export const OWNER_FILTERS = ["me", "none"] as const;
const ownerFilter = z.union([z.enum(OWNER_FILTERS), z.string().regex(/^[a-z0-9]{1,64}$/)]);

// The Secret Keys table's state, read from the URL. A value that does not
// fit falls back to its default: a URL is not a form to correct.
export const listKeysQuery = z.object({
  // The page's position (list-cursor.ts): opaque and signed. Kept as given
  // here so that a forged one is refused with a message, not silently
  // turned into the first page.
  cursor: z
    .preprocess((value) => {
      const given = first(value);
      return typeof given === "string" && given ? given.toWellFormed() : undefined;
    }, z.string().optional())
    .catch(undefined),
  pageSize: z
    .preprocess(
      first,
      z.coerce.number().refine((n) => (PAGE_SIZES as readonly number[]).includes(n)),
    )
    .catch(25),
  sort: z.preprocess(first, z.enum(KEY_SORT_COLUMNS)).catch("createdAt"),
  dir: z.preprocess(first, z.enum(["asc", "desc"])).catch("desc"),
  q: z.preprocess(first, z.string().trim().max(100).refine(isStorableText)).catch(""),
  scope: z.preprocess(first, z.enum(SCOPES).optional()).catch(undefined),
  permission: z.preprocess(first, z.enum(PERMISSION_LEVELS).optional()).catch(undefined),
  environment: z.preprocess(first, z.enum(ENVIRONMENTS).optional()).catch(undefined),
  stale: z.preprocess((v) => first(v) === "1", z.boolean()).catch(false),
  due: z.preprocess((v) => first(v) === "1", z.boolean()).catch(false),
  owner: z.preprocess(first, ownerFilter.optional()).catch(undefined),
  // Rows under a heading per owner, sorted by owner first.
  group: z.preprocess(first, z.enum(["owner"]).optional()).catch(undefined),
});
export type ListKeysQuery = z.infer<typeof listKeysQuery>;

export function parseListKeysQuery(params: Record<string, string | string[] | undefined>): ListKeysQuery {
  return listKeysQuery.parse(params);
}

// The URL parameters for a query, leaving out defaults.
export function listKeysSearchParams(query: ListKeysQuery): URLSearchParams {
  const defaults = listKeysQuery.parse({});
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === "" || value === false || value === defaults[name as keyof ListKeysQuery]) continue;
    params.set(name, value === true ? "1" : String(value));
  }
  return params;
}
