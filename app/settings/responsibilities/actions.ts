"use server";

import { runAsActor } from "@/lib/auth/run-as-actor";
import { sendDigestNow } from "@/lib/hygiene/send-digests";
import { setNamedPeople } from "@/lib/responsibilities/set-named-people";

// Names the people who hold a responsibility (owners only).
export async function setNamedPeopleAction(input: unknown) {
  return runAsActor((actor) => setNamedPeople({ actor, input }), { path: "/settings", type: "layout" });
}

// Sends the key-hygiene digest now (owners only, at most once an hour).
export async function sendDigestNowAction() {
  return runAsActor((actor) => sendDigestNow({ actor }), { path: "/settings", type: "layout" });
}
