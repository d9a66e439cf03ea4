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
export function groupByOwner<T>(items: T[], keyOf: (item: T) => OwnedKey): { group: string; label: string; items: T[] }[] {
  const groups: { group: string; label: string; items: T[] }[] = [];
  for (const item of items) {
    const key = keyOf(item);
    const group = ownerGroupOf(key);
    const last = groups.at(-1);
    if (last?.group === group) last.items.push(item);
    else groups.push({ group, label: group === NO_ACTIVE_OWNER ? NO_ACTIVE_OWNER_LABEL : (key.ownerName ?? "Unknown member"), items: [item] });
  }
  return groups;
}

// What an owner cell says: the name, and whether they are still a member.
export function ownerText(key: OwnedKey): { name: string; former: boolean } {
  if (key.ownerActive && key.ownerName) return { name: key.ownerName, former: false };
  return { name: key.ownerName ?? "No owner", former: true };
}

// "Ada Lovelace (you) · 3 keys": a group's heading, counting its keys on every page.
// Counts stop at a limit ("1,000+ keys").
export function ownerGroupHeading(
  group: { group: string; label: string },
  counts: { group: string; count: number; more?: boolean }[],
  currentUserId: string,
): string {
  const entry = counts.find((candidate) => candidate.group === group.group);
  const name = group.group === currentUserId ? `${group.label} (you)` : group.label;
  if (!entry) return name;
  return `${name} · ${entry.count.toLocaleString("en")}${entry.more ? "+" : ""} ${entry.count === 1 && !entry.more ? "key" : "keys"}`;
}
