import { addressSequence, failureOf } from "@/lib/testing/sign-in-helpers";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { createOrganization, TEST_PASSWORD, uniqueEmail } from "@/lib/testing/fixtures";
import { authenticate, INVALID_CREDENTIALS_MESSAGE } from "./authenticate";
import { FREE_FAILURES } from "./sign-in-throttle";

const address = addressSequence();

describe("authenticate", () => {
  it("accepts the right password, whatever the email's case", async () => {
    const { members } = await createOrganization();
    const user = await authenticate({
      credentials: { email: members[0].email.toUpperCase(), password: TEST_PASSWORD },
      ipAddress: address(),
    });
    expect(user).toMatchObject({ id: members[0].userId, email: members[0].email });
  });

  it("refuses a wrong password and an unknown account with the same message", async () => {
    const { members } = await createOrganization();
    const wrong = await failureOf(authenticate({ credentials: { email: members[0].email, password: "nope" }, ipAddress: address() }));
    const unknown = await failureOf(authenticate({ credentials: { email: uniqueEmail(), password: "nope" }, ipAddress: address() }));
    expect(wrong.message).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(unknown.message).toBe(INVALID_CREDENTIALS_MESSAGE);
  });

  it("refuses malformed credentials without recording anything", async () => {
    const before = await db().signInAttempt.count();
    for (const credentials of [undefined, {}, { email: "x", password: "y" }, { email: ["a@b.c"], password: {} }]) {
      expect((await failureOf(authenticate({ credentials, ipAddress: address() }))).code).toBe("INVALID_INPUT");
    }
    expect(await db().signInAttempt.count()).toBe(before);
  });

  it("delays an address's tries on one account after its free failures, even with the right password, and says how long", async () => {
    const { members } = await createOrganization();
    const email = members[0].email;
    const ipAddress = address();
    const now = new Date();
    await Promise.all(
      Array.from({ length: FREE_FAILURES.pair }, (_, i) => failureOf(authenticate({ credentials: { email, password: `guess-${i}` }, ipAddress, now }))),
    );
    const delayed = await failureOf(authenticate({ credentials: { email, password: TEST_PASSWORD }, ipAddress, now }));
    expect(delayed).toMatchObject({ code: "RATE_LIMITED", message: "Too many failed sign-ins. Try again in 1 second.", retryAfterSeconds: 1 });
    const aSecondLater = new Date(now.getTime() + 1000);
    await expect(authenticate({ credentials: { email, password: TEST_PASSWORD }, ipAddress, now: aSecondLater })).resolves.toMatchObject({
      id: members[0].userId,
    });
  });

  it("throttles one address spraying many accounts, and no other address", async () => {
    const sprayer = address();
    const now = new Date();
    await Promise.all(
      Array.from({ length: FREE_FAILURES.address }, () =>
        failureOf(authenticate({ credentials: { email: uniqueEmail(), password: "guess" }, ipAddress: sprayer, now })),
      ),
    );
    const { members } = await createOrganization();
    const credentials = { email: members[0].email, password: TEST_PASSWORD };
    expect((await failureOf(authenticate({ credentials, ipAddress: sprayer, now }))).code).toBe("RATE_LIMITED");
    await expect(authenticate({ credentials, ipAddress: address(), now })).resolves.toMatchObject({ id: members[0].userId });
  });

  it("forgets an address's failures on an account once it signs in, and remembers the address", async () => {
    const { members } = await createOrganization();
    const email = members[0].email;
    const ipAddress = address();
    const elsewhere = address();
    await failureOf(authenticate({ credentials: { email, password: "guess" }, ipAddress: elsewhere }));
    for (let i = 0; i < FREE_FAILURES.pair - 1; i++) {
      await failureOf(authenticate({ credentials: { email, password: "guess" }, ipAddress }));
    }
    await authenticate({ credentials: { email, password: TEST_PASSWORD }, ipAddress });
    expect(await db().signInAttempt.findMany({ where: { email }, select: { ipAddress: true } })).toEqual([{ ipAddress: elsewhere }]);
    expect(await db().knownSignInAddress.findMany({ where: { userId: members[0].userId }, select: { ipAddress: true } })).toEqual([{ ipAddress }]);
  });

  it("refuses a removed member with the right password, clearly", async () => {
    const { members } = await createOrganization();
    await db().membership.deleteMany({ where: { userId: members[0].userId } });
    const refused = await failureOf(authenticate({ credentials: { email: members[0].email, password: TEST_PASSWORD }, ipAddress: address() }));
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/no longer a member/) });
  });
});

describe("sign-in audit events", () => {
  it("records a sign-in and a failed sign-in of a known account in its organization's log", async () => {
    const { organization, members } = await createOrganization();
    const email = members[0].email;
    await authenticate({ credentials: { email, password: TEST_PASSWORD }, ipAddress: "192.0.2.44", userAgent: "browser/1" });
    await failureOf(authenticate({ credentials: { email, password: "wrong" }, ipAddress: "192.0.2.45" }));
    const events = await db().auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { sequence: "asc" } });
    expect(events.map((e) => [e.action, e.ipAddress, e.actorUserId])).toEqual([
      ["auth.sign_in", "192.0.2.44", members[0].userId],
      ["auth.sign_in_failed", "192.0.2.45", members[0].userId],
    ]);
    expect(JSON.stringify(events)).not.toContain(TEST_PASSWORD);
    expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: true, events: 2, head: { sequence: 2 } });
  });
});
