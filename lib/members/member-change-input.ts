import { z } from "@/lib/validation/zod";
import { ASSIGNABLE_ROLES } from "./add-member-input";

const membershipId = z.string({ error: "Missing member." }).trim().min(1, "Missing member.").max(64, "Unknown member.");

export const changeMemberRoleInput = z.object({ membershipId, role: z.enum(ASSIGNABLE_ROLES, { error: "Choose a role." }) });
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleInput>;

export const removeMemberInput = z.object({ membershipId });
export type RemoveMemberInput = z.infer<typeof removeMemberInput>;
