// What each member is told about the keys of their organization that became
// due for rotation: the owner of some of them hears about theirs first (one
// notification, mentioning the rest); everyone else gets the summary.
const NAMES_SHOWN = 5;

type DueKey = { name: string; ownerId: string | null };
export type ReminderMessage = { userId: string; title: string; body: string; link: string };

function namesOf(keys: DueKey[]): string {
  const names = keys
    .slice(0, NAMES_SHOWN)
    .map((key) => `“${key.name}”`)
    .join(", ");
  return keys.length > NAMES_SHOWN ? `${names} and ${keys.length - NAMES_SHOWN} more` : names;
}

const WHY = "older than the rotation policy allows or expire within two weeks";

export function rotationReminderMessages(due: DueKey[], memberIds: string[]): ReminderMessage[] {
  if (due.length === 0) return [];
  const everyone = {
    title: due.length === 1 ? `Key “${due[0].name}” is due for rotation` : `${due.length} keys are due for rotation`,
    body: `${due.length === 1 ? "It is" : `${namesOf(due)} are`} ${WHY}. Rotate them from the keys page.`,
    link: "/settings/secret-keys?due=1",
  };
  // Grouped once: a large organization's first run may hold many keys and members.
  const byOwner = new Map<string, DueKey[]>();
  for (const key of due) {
    if (key.ownerId === null) continue;
    const own = byOwner.get(key.ownerId);
    if (own) own.push(key);
    else byOwner.set(key.ownerId, [key]);
  }
  return memberIds.map((userId) => {
    const own = byOwner.get(userId) ?? [];
    if (own.length === 0) return { userId, ...everyone };
    const others = due.length - own.length;
    return {
      userId,
      title: own.length === 1 ? `Your key “${own[0].name}” is due for rotation` : `${own.length} of your keys are due for rotation`,
      body: `${own.length === 1 ? "It is" : `${namesOf(own)} are`} ${WHY}. Rotate them from the keys page.${
        others > 0 ? ` ${others === 1 ? "One other key" : `${others} other keys`} of your organization ${others === 1 ? "is" : "are"} due too.` : ""
      }`,
      link: "/settings/secret-keys?due=1&owner=me",
    };
  });
}
