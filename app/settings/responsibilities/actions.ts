"use server";

import { runAsActor } from "@/lib/auth/run-as-actor";
import { setNamedPeople } from "@/lib/responsibilities/set-named-people";

// Names the people who hold a responsibility (owners only).
export async function setNamedPeopleAction(input: unknown) {
  return runAsActor((actor) => setNamedPeople({ actor, input }), { path: "/settings", type: "layout" });
}
