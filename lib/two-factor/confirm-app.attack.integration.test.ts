import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { raceBehindAuditChain } from "@/lib/testing/lock-waits";
import { confirmAppEnrolment, startAppEnrolment } from "./authenticator-app";
import { totpCodeAt } from "./totp";

// A database of this file's own: the race counts the transactions waiting for a lock.
beforeAll(async () => {
  await useFreshDatabase();
});

describe("confirming an authenticator app while the setup restarts in another tab", () => {
  it("the restart waits for the confirmation and is told the app exists, never a deadlock", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const actor = actors.MEMBER;
    const { secret } = await startAppEnrolment({ actor });
    const now = new Date();

    const { first: confirmation, second: restart } = await raceBehindAuditChain(
      organization.id,
      () => confirmAppEnrolment({ actor, input: { code: totpCodeAt(secret, now) }, now }),
      () => startAppEnrolment({ actor }),
    );

    expect(confirmation.outcome).toBe("done");
    expect(restart.outcome).toBe("CONFLICT");
    expect(await db().authenticatorApp.findUniqueOrThrow({ where: { userId: actor.userId } })).toMatchObject({ confirmedAt: now });
    expect(await db().recoveryCode.count({ where: { userId: actor.userId } })).toBe(10);
  });
});
