import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Responsibility } from "@/lib/generated/prisma/enums";
import type { NamedPerson } from "./raci";
import { mayHold } from "./responsibilities";

type Reader = Prisma.TransactionClient;

// The people named for each responsibility whose role still allows it
// (someone demoted to Member stops approving at once).
export async function namedPeople(organizationId: string, reader: Reader = db()): Promise<NamedPerson[]> {
  const rows = await reader.namedResponsibility.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "asc" }],
    select: { responsibility: true, membership: { select: { userId: true, role: true, user: { select: { name: true, email: true } } } } },
  });
  const people = new Map<string, NamedPerson>();
  for (const { responsibility, membership } of rows) {
    if (!mayHold(responsibility, membership.role)) continue;
    const person = people.get(membership.userId) ?? {
      userId: membership.userId,
      name: membership.user.name,
      email: membership.user.email,
      role: membership.role,
      responsibilities: [],
    };
    person.responsibilities.push(responsibility);
    people.set(membership.userId, person);
  }
  return [...people.values()];
}

export function holdersOf(people: NamedPerson[], responsibility: Responsibility): NamedPerson[] {
  return people.filter((person) => person.responsibilities.includes(responsibility));
}
