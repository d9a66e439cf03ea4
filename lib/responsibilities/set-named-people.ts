import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockOrganizationAndCaller } from "@/lib/auth/lock-caller";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { z } from "@/lib/validation/zod";
import { recordId } from "@/lib/validation/record-id";
import { approversBeforeChange, approversFellBelowTwo } from "@/lib/key-requests/approvers";
import { RESPONSIBILITIES, RESPONSIBILITY_INFO, mayHold } from "./responsibilities";

const MAX_NAMED = 20;

export const setNamedPeopleInput = z.object({
  responsibility: z.enum(RESPONSIBILITIES, { error: "Choose a responsibility." }),
  membershipIds: z
    .array(recordId({ missing: "Missing member.", invalid: "Unknown member." }), { error: "Choose the members." })
    .max(MAX_NAMED, `Name at most ${MAX_NAMED} people.`)
    .refine((ids) => new Set(ids).size === ids.length, "A member was chosen twice."),
});

// Names the people who hold a responsibility (owners only), replacing the
// previous choice; each must be a member whose role may hold it.
export async function setNamedPeople(options: { actor: Actor; input: unknown }): Promise<{ changed: boolean }> {
  assertCan(options.actor, "settings.manage");
  const { responsibility, membershipIds } = setNamedPeopleInput.parse(options.input);
  assertReauthenticated(options.actor, "responsibilities.set");
  const info = RESPONSIBILITY_INFO[responsibility];
  if (!info.many && membershipIds.length > 1) {
    throw new AppError("INVALID_INPUT", `Name one ${info.label.toLowerCase()}.`, { membershipIds: ["Choose one person."] });
  }
  const organizationId = options.actor.organizationId;
  return db().$transaction(async (tx) => {
    // Serializes changes to the organization's named people, with member
    // changes, which take it first too (lib/members/change-member.ts).
    await lockOrganizationAndCaller(tx, options.actor, "settings.manage");
    const members = await tx.membership.findMany({
      where: { organizationId, id: { in: membershipIds } },
      select: { id: true, role: true, user: { select: { name: true, email: true } } },
    });
    if (members.length !== membershipIds.length) throw new AppError("NOT_FOUND", "One of the people chosen is not a member of your organization.");
    const refused = members.find((member) => !mayHold(responsibility, member.role));
    if (refused) {
      throw new AppError("INVALID_INPUT", `${refused.user.name} cannot be named: their role may not hold this responsibility.`, {
        membershipIds: [`Choose among ${info.roles.map((r) => r.toLowerCase()).join(", ")}s.`],
      });
    }
    const current = await tx.namedResponsibility.findMany({ where: { organizationId, responsibility }, select: { membershipId: true } });
    const same = current.length === membershipIds.length && current.every((row) => membershipIds.includes(row.membershipId));
    if (same) return { changed: false };
    const approversBefore = responsibility === "PRODUCTION_APPROVER" ? await approversBeforeChange(tx, organizationId) : null;
    await tx.namedResponsibility.deleteMany({ where: { organizationId, responsibility } });
    await tx.namedResponsibility.createMany({ data: membershipIds.map((membershipId) => ({ organizationId, responsibility, membershipId })) });
    // While approvals are required, every requester must keep someone else to approve.
    if (responsibility === "PRODUCTION_APPROVER") {
      if (await approversFellBelowTwo(tx, organizationId, approversBefore)) {
        throw new AppError(
          "CONFLICT",
          "Approvals are required, so at least two people must be able to approve. Name another approver, or turn approvals off first.",
          {
            membershipIds: ["Leave at least two people who can approve (approvers and owners together)."],
          },
        );
      }
    }
    await recordAuditEvent(tx, {
      actor: options.actor,
      action: "organization.responsibility_named",
      details: { responsibility: info.label, people: members.map((m) => ({ name: m.user.name, email: m.user.email })) },
    });
    return { changed: true };
  });
}
