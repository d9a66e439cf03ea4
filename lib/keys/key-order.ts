import type { KeySortColumn } from "./list-keys-query";
import { ENVIRONMENTS, PERMISSION_LEVELS, SCOPES } from "./key-model";

// What a position in the keys list is made of, for each way the table
// sorts: the parts of the sort key, then the key's id (the tie-break, so no
// two keys share a position and pages never overlap or skip).
//
// - "plain": one index per sort column, walked from the position on.
// - "people" (sort by creator or owner): the people in name order, each
//   one's keys by id; the position's parts are the person's lower-cased name
//   and id ("" and "" for keys without one, first ascending).
// - "owners" (grouped by owner): the organization's members in name order,
//   then one group for keys without an active owner (rank 0, then 1); within
//   a group, the chosen sort. Groups always run A to Z; the sort within them
//   follows the chosen direction.
export type SortPartType = "text" | "timestamp" | "permission" | "environment" | "scopes" | "rank";
export type KeyOrderWalk = "plain" | "people" | "owners";
export type InnerSort = "name" | "createdAt" | "lastUsedAt" | "scopes" | "permission" | "environment" | "creator" | "none";

export type KeyOrder = {
  walk: KeyOrderWalk;
  // For "people": whose keys (the creator or the owner column).
  person?: "createdBy" | "owner";
  // The group's parts (people, owners) and the sort within a group.
  groupParts: SortPartType[];
  inner: InnerSort;
  innerParts: SortPartType[];
  groupsDescending: boolean;
  innerDescending: boolean;
};

const INNER_PARTS: Record<InnerSort, SortPartType[]> = {
  name: ["text"],
  createdAt: ["timestamp"],
  lastUsedAt: ["timestamp"],
  scopes: ["scopes"],
  permission: ["permission"],
  environment: ["environment"],
  // Within an owner's group: the creator's lower-cased name, then their id.
  creator: ["text", "text"],
  none: [],
};

export function keyOrder(sort: KeySortColumn, dir: "asc" | "desc", group?: "owner"): KeyOrder {
  const descending = dir === "desc";
  if (group === "owner") {
    const inner: InnerSort = sort === "createdBy" ? "creator" : sort === "owner" ? "none" : sort;
    return {
      walk: "owners",
      groupParts: ["rank", "text", "text"],
      inner,
      innerParts: INNER_PARTS[inner],
      groupsDescending: false,
      innerDescending: descending,
    };
  }
  if (sort === "createdBy" || sort === "owner") {
    return {
      walk: "people",
      person: sort,
      groupParts: ["text", "text"],
      inner: "none",
      innerParts: [],
      groupsDescending: descending,
      innerDescending: descending,
    };
  }
  return { walk: "plain", groupParts: [], inner: sort, innerParts: INNER_PARTS[sort], groupsDescending: descending, innerDescending: descending };
}

export function orderParts(order: KeyOrder): SortPartType[] {
  return [...order.groupParts, ...order.innerParts];
}

const SCOPE = `(${SCOPES.join("|")})`;
// How each part reads as text (PostgreSQL's own text form, DateStyle ISO):
// a cursor whose parts do not read so is refused before any query.
const PART_PATTERNS: Record<SortPartType, RegExp> = {
  text: /^[\s\S]{0,400}$/u,
  timestamp: /^(-infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?)$/,
  permission: new RegExp(`^(${PERMISSION_LEVELS.join("|")})$`),
  environment: new RegExp(`^(${ENVIRONMENTS.join("|")})$`),
  scopes: new RegExp(`^\\{(${SCOPE}(,${SCOPE}){0,${SCOPES.length - 1}})?\\}$`),
  rank: /^[01]$/,
};

export function partFits(type: SortPartType, value: string): boolean {
  return PART_PATTERNS[type].test(value) && !value.includes("\u0000") && value.isWellFormed();
}
