import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { createOrganization, TEST_PASSWORD, uniqueEmail } from "@/lib/testing/fixtures";
import { authenticate } from "./authenticate";
import { verifyPassword } from "./password";
import type * as passwordModule from "./password";

// Counts the password checks an attack gets, whatever their outcome. Each
// attack runs at one simulated instant (`now`), so a slow machine cannot let
// the delays run out in the middle of it.
vi.mock("./password", async (importOriginal) => {
  const actual = await importOriginal<typeof passwordModule>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

let lastOctet = 0;
const prefix = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const address = () => `${prefix}.${++lastOctet}`;
const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "signed in",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

beforeEach(() => {
  vi.mocked(verifyPassword).mockClear();
});

describe("racing the sign-in throttle", () => {
  it("40 parallel wrong passwords for one account from one address get at most 5 password checks", async () => {
    const { members } = await createOrganization();
    const ipAddress = address();
    const now = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => outcomeOf(authenticate({ credentials: { email: members[0].email, password: `guess-${i}` }, ipAddress, now }))),
    );
    expect(vi.mocked(verifyPassword).mock.calls.length).toBeLessThanOrEqual(5);
    expect(outcomes.filter((o) => o === "UNAUTHENTICATED")).toHaveLength(vi.mocked(verifyPassword).mock.calls.length);
    expect(outcomes.filter((o) => o === "RATE_LIMITED").length).toBeGreaterThanOrEqual(35);
    // The refused part of the burst leaves nothing behind: a second later the owner gets in.
    const aSecondLater = new Date(now.getTime() + 1000);
    expect(await outcomeOf(authenticate({ credentials: { email: members[0].email, password: TEST_PASSWORD }, ipAddress, now: aSecondLater }))).toBe(
      "signed in",
    );
  });

  it("60 parallel wrong passwords for 60 accounts from one address get at most 20 password checks", async () => {
    const ipAddress = address();
    const now = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, () => outcomeOf(authenticate({ credentials: { email: uniqueEmail(), password: "guess" }, ipAddress, now }))),
    );
    expect(vi.mocked(verifyPassword).mock.calls.length).toBeLessThanOrEqual(20);
    expect(outcomes.filter((o) => o === "RATE_LIMITED").length).toBeGreaterThanOrEqual(40);
  });
});

describe("locking the owner out", () => {
  it("a stranger failing 50 times leaves the owner signing in from a known address at once", async () => {
    const { members } = await createOrganization();
    const email = members[0].email;
    const home = address();
    const stranger = address();
    const start = Date.now();
    const at = (minutes: number) => new Date(start + minutes * 60_000);
    await authenticate({ credentials: { email, password: TEST_PASSWORD }, ipAddress: home, now: at(0) });

    const strangerOutcomes: string[] = [];
    for (let i = 1; i <= 50; i++) {
      strangerOutcomes.push(await outcomeOf(authenticate({ credentials: { email, password: `guess-${i}` }, ipAddress: stranger, now: at(i / 2) })));
    }
    expect(strangerOutcomes).toContain("RATE_LIMITED");
    expect(strangerOutcomes.filter((o) => o === "signed in")).toEqual([]);

    await expect(authenticate({ credentials: { email, password: TEST_PASSWORD }, ipAddress: home, now: at(25) })).resolves.toMatchObject({
      id: members[0].userId,
    });
    // The stranger's own tries stay delayed, right password or not.
    expect(await outcomeOf(authenticate({ credentials: { email, password: "guess-51" }, ipAddress: stranger, now: at(25) }))).toBe("RATE_LIMITED");
  });

  it("distributed guessing from many new addresses is throttled for the account, not for its known address", async () => {
    const { members } = await createOrganization();
    const email = members[0].email;
    const home = address();
    const start = Date.now();
    const at = (seconds: number) => new Date(start + seconds * 1000);
    await authenticate({ credentials: { email, password: TEST_PASSWORD }, ipAddress: home, now: at(0) });

    const outcomes: string[] = [];
    for (let i = 1; i <= 30; i++) {
      outcomes.push(await outcomeOf(authenticate({ credentials: { email, password: `guess-${i}` }, ipAddress: address(), now: at(i) })));
    }
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill("UNAUTHENTICATED"));
    expect(outcomes.slice(10)).toContain("RATE_LIMITED");
    await expect(authenticate({ credentials: { email, password: TEST_PASSWORD }, ipAddress: home, now: at(31) })).resolves.toMatchObject({
      id: members[0].userId,
    });
  });
});
