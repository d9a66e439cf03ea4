import { z } from "@/lib/validation/zod";
import { recordId } from "@/lib/validation/record-id";
import { ASSIGNABLE_ROLES } from "./add-member-input";

const membershipId = recordId({ missing: "Missing member.", invalid: "Unknown member." });

export const changeMemberRoleInput = z.object({ membershipId, role: z.enum(ASSIGNABLE_ROLES, { error: "Choose a role." }) });
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleInput>;

// Who takes the removed member's live keys (a user id, looked up among the
// members under the removal's lock); absent: whoever removes them.
const newKeyOwnerId = recordId({ missing: "Choose who takes their keys.", invalid: "Choose a current member to take their keys." });

export const removeMemberInput = z.object({ membershipId, newKeyOwnerId: newKeyOwnerId.optional() });
export type RemoveMemberInput = z.infer<typeof removeMemberInput>;
