import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createOrganization, uniqueEmail } from "@/lib/testing/fixtures";
import { authenticate, INVALID_CREDENTIALS_MESSAGE } from "./authenticate";

// Every step a sign-in takes, in order, so the two refusal paths can be compared.
const steps: string[] = [];
function recorded<M extends Record<string, unknown>>(module: M, names: string[]): M {
  const wrapped: Record<string, unknown> = { ...module };
  for (const name of names) {
    const original = module[name] as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => {
      steps.push(name);
      return original(...args);
    };
  }
  return wrapped as M;
}
vi.mock("./sign-in-account", async (importOriginal) => recorded(await importOriginal(), ["findSignInAccount", "rememberSignInAddress"]));
vi.mock("./sign-in-attempts", async (importOriginal) => recorded(await importOriginal(), ["claimSignInAttempt", "forgetPairFailures"]));
vi.mock("./password", async (importOriginal) => recorded(await importOriginal(), ["verifyPassword"]));
vi.mock("./record-sign-in", async (importOriginal) => recorded(await importOriginal(), ["recordSignIn"]));
vi.mock("./refusal-floor", async (importOriginal) => recorded(await importOriginal(), ["holdUntilFloor"]));

let lastOctet = 0;
const address = () => `10.77.${Math.floor(Math.random() * 250)}.${++lastOctet}`;

async function refusal(email: string) {
  const deferred: (() => Promise<void>)[] = [];
  steps.length = 0;
  const error = await authenticate({ credentials: { email, password: "wrong" }, ipAddress: address(), defer: (task) => void deferred.push(task) }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return { message: (error as AppError).message, steps: [...steps], deferred };
}

beforeEach(() => {
  steps.length = 0;
});

describe("refusing a wrong password", () => {
  it("takes the same steps for a known and an unknown email, the known account's audit event after the answer", async () => {
    const { organization, members } = await createOrganization();
    const known = await refusal(members[0].email);
    const unknown = await refusal(uniqueEmail());

    expect(known.steps).toEqual(["findSignInAccount", "claimSignInAttempt", "verifyPassword", "holdUntilFloor"]);
    expect(unknown.steps).toEqual(known.steps);
    expect(unknown.message).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(known.message).toBe(INVALID_CREDENTIALS_MESSAGE);

    expect(unknown.deferred).toHaveLength(0);
    expect(known.deferred).toHaveLength(1);
    const failedSignIns = () => db().auditEvent.count({ where: { organizationId: organization.id, action: "auth.sign_in_failed" } });
    expect(await failedSignIns()).toBe(0);
    await known.deferred[0]();
    expect(await failedSignIns()).toBe(1);
  });
});
