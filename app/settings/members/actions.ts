"use server";

import { runAsActor } from "@/lib/auth/run-as-actor";
import { addMember } from "@/lib/members/add-member";
import { changeMemberRole, removeMember } from "@/lib/members/change-member";
import { issuePasswordLink } from "@/lib/members/issue-password-link";

const MEMBERS_PAGE = { path: "/settings/members" };

// Adds a member to the caller's organization (owners only); returns where
// their one-time set-password link went, or the link itself to pass on.
export async function addMemberAction(input: unknown) {
  return runAsActor(async (actor) => {
    const added = await addMember({ actor, input });
    return added.via === "email" ? { via: added.via, emailedTo: added.emailedTo } : { via: added.via, link: added.link };
  }, MEMBERS_PAGE);
}

// A fresh set-password link for a member who has not chosen a password yet
// (owners only); the previous one stops working.
export async function issuePasswordLinkAction(input: unknown) {
  return runAsActor((actor) => issuePasswordLink({ actor, input }), MEMBERS_PAGE);
}

// Gives a member another role (owners only; never leaves no owner).
export async function changeMemberRoleAction(input: unknown) {
  return runAsActor((actor) => changeMemberRole({ actor, input }), MEMBERS_PAGE);
}

// Removes a member and ends their sessions (owners only).
export async function removeMemberAction(input: unknown) {
  return runAsActor((actor) => removeMember({ actor, input }), MEMBERS_PAGE);
}
