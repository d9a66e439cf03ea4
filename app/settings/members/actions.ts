"use server";

import { runAsActor } from "@/lib/auth/run-as-actor";
import { addMember } from "@/lib/members/add-member";
import { changeMemberRole, removeMember } from "@/lib/members/change-member";

const MEMBERS_PAGE = { path: "/settings/members" };

// Adds a member to the caller's organization (owners only).
export async function addMemberAction(input: unknown) {
  return runAsActor(async (actor) => void (await addMember({ actor, input })), MEMBERS_PAGE);
}

// Gives a member another role (owners only; never leaves no owner).
export async function changeMemberRoleAction(input: unknown) {
  return runAsActor((actor) => changeMemberRole({ actor, input }), MEMBERS_PAGE);
}

// Removes a member and ends their sessions (owners only).
export async function removeMemberAction(input: unknown) {
  return runAsActor((actor) => removeMember({ actor, input }), MEMBERS_PAGE);
}
