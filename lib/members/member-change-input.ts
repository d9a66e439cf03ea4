import { z } from "@/lib/validation/zod";
import { recordId } from "@/lib/validation/record-id";
import { ASSIGNABLE_ROLES } from "./add-member-input";

const membershipId = recordId({ missing: "Missing member.", invalid: "Unknown member." });

export const changeMemberRoleInput = z.object({ membershipId, role: z.enum(ASSIGNABLE_ROLES, { error: "Choose a role." }) });
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleInput>;

export const removeMemberInput = z.object({ membershipId });
export type RemoveMemberInput = z.infer<typeof removeMemberInput>;
