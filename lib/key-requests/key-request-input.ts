import { createKeyInput, keyId } from "@/lib/keys/key-input";
import { ROTATION_GRACE_PERIODS } from "@/lib/keys/key-rotation";
import { z } from "@/lib/validation/zod";
import { noteText } from "@/lib/validation/note-text";
import { recordId } from "@/lib/validation/record-id";
import { REQUEST_STATES } from "./request-state";

export const reason = noteText({ required: "Say what the key is for, so the approver can decide.", max: 1000 });
export const requestId = recordId({ missing: "Missing request.", invalid: "Not a request." });

// Shared by the create dialog (in the browser) and requestKey (on the server).
export const requestKeyInput = createKeyInput.and(z.object({ reason }));
export type RequestKeyInput = z.infer<typeof requestKeyInput>;

export const requestRotationInput = z.object({
  keyId,
  grace: z.enum(ROTATION_GRACE_PERIODS, { error: "Choose when the old key stops working." }),
  reason,
});

export const decideKeyRequestInput = z.discriminatedUnion(
  "decision",
  [
    z.object({ requestId, decision: z.literal("approve") }),
    z.object({ requestId, decision: z.literal("deny"), reason: noteText({ required: "Say why, so the requester knows what to change.", max: 1000 }) }),
  ],
  { error: "Choose approve or deny." },
);

export const requestOnlyInput = z.object({ requestId });

export const listKeyRequestsInput = z.object({ state: z.enum([...REQUEST_STATES, "all"]).catch("all") });
