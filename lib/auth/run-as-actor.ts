import { revalidatePath } from "next/cache";
import { toActionError, type ActionResult } from "@/lib/action-result";
import type { Actor } from "./actor";
import { currentActor } from "./current-actor";

type Revalidate = { path: string; type?: "layout" | "page" };

// The body of every signed-in server action: resolves the caller once (the
// domain checks their role and organization), revalidates what changed, and
// turns errors into what may reach the browser.
// enrolling: the two-factor enrolment's own actions, which a member who
// must enrol may call (lib/auth/current-member.ts).
export async function runAsActor<T>(
  work: (actor: Actor) => Promise<T>,
  revalidate?: Revalidate,
  access: { enrolling?: boolean } = {},
): Promise<ActionResult<T>> {
  try {
    const data = await work(await currentActor(access));
    if (revalidate) revalidatePath(revalidate.path, revalidate.type);
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}
