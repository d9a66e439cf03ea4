// Keys grouped under their owner (the keys table's "Group by owner"). Keys
// of owners who left, and keys without one, form one group.
export const NO_ACTIVE_OWNER = "none";
export const NO_ACTIVE_OWNER_LABEL = "Without an active owner";

type OwnedKey = { ownerId: string | null; ownerName: string | null; ownerActive: boolean };

export function ownerGroupOf(key: OwnedKey): string {
  return key.ownerActive && key.ownerId ? key.ownerId : NO_ACTIVE_OWNER;
}

// Consecutive runs of keys with the same owner group, in the order given (the
// server sorts by owner when grouping, so a group is one run on a page; a
// group that goes on from the previous page starts the next one).
export function groupByOwner<T extends OwnedKey>(keys: T[]): { group: string; label: string; keys: T[] }[] {
  const groups: { group: string; label: string; keys: T[] }[] = [];
  for (const key of keys) {
    const group = ownerGroupOf(key);
    const last = groups.at(-1);
    if (last?.group === group) last.keys.push(key);
    else groups.push({ group, label: group === NO_ACTIVE_OWNER ? NO_ACTIVE_OWNER_LABEL : (key.ownerName ?? "Unknown member"), keys: [key] });
  }
  return groups;
}

// What an owner cell says: the name, and whether they are still a member.
export function ownerText(key: OwnedKey): { name: string; former: boolean } {
  if (key.ownerActive && key.ownerName) return { name: key.ownerName, former: false };
  return { name: key.ownerName ?? "No owner", former: true };
}
