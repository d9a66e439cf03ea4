"use server";

import { runAsActor } from "@/lib/auth/run-as-actor";
import { markAllRead } from "@/lib/notifications/notifications";

// Marks the caller's own notifications read.
export async function markAllReadAction() {
  return runAsActor(async (actor) => ({ marked: await markAllRead(actor.userId, actor.organizationId) }), { path: "/settings", type: "layout" });
}
