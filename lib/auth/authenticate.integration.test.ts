import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createOrganization, TEST_PASSWORD, uniqueEmail } from "@/lib/testing/fixtures";
import { authenticate, INVALID_CREDENTIALS_MESSAGE } from "./authenticate";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from "./sign-in-throttle";

const address = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

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
    const before = await db().signInFailure.count();
    for (const credentials of [undefined, {}, { email: "x", password: "y" }, { email: ["a@b.c"], password: {} }]) {
      expect((await failureOf(authenticate({ credentials, ipAddress: address() }))).code).toBe("INVALID_INPUT");
    }
    expect(await db().signInFailure.count()).toBe(before);
  });

  it("locks an account after repeated failures, even for the right password", async () => {
    const { members } = await createOrganization();
    const email = members[0].email;
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await failureOf(authenticate({ credentials: { email, password: `guess-${i}` }, ipAddress: address() }));
    }
    const locked = await failureOf(authenticate({ credentials: { email, password: TEST_PASSWORD }, ipAddress: address() }));
    expect(locked.code).toBe("RATE_LIMITED");
    expect(locked.message).toMatch(/Try again in 15 minutes/);
  });

  it("limits one address spraying many accounts, and no other address", async () => {
    const sprayer = address();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await failureOf(authenticate({ credentials: { email: uniqueEmail(), password: "guess" }, ipAddress: sprayer }));
    }
    const { members } = await createOrganization();
    const credentials = { email: members[0].email, password: TEST_PASSWORD };
    expect((await failureOf(authenticate({ credentials, ipAddress: sprayer }))).code).toBe("RATE_LIMITED");
    await expect(authenticate({ credentials, ipAddress: address() })).resolves.toMatchObject({ id: members[0].userId });
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const { members } = await createOrganization();
    const email = members[0].email;
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) {
      await failureOf(authenticate({ credentials: { email, password: "guess" }, ipAddress: address() }));
    }
    await authenticate({ credentials: { email, password: TEST_PASSWORD }, ipAddress: address() });
    expect(await db().signInFailure.count({ where: { email } })).toBe(0);
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
