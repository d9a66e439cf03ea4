// How long a wrong-password refusal takes for a known and for an unknown
// email, measured in alternating rounds. The two should not be told apart.
import { randomBytes } from "node:crypto";
import { authenticate } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { summarize, type Timing } from "./stats";

const RUNS = 40;
// Each attempt at a simulated time past the longest throttle delay, from its
// own address, so the throttle never answers instead of the password check.
const STEP_MS = 16 * 60 * 1000;

export async function benchSignIn(): Promise<Record<string, Timing>> {
  const organization = await db().organization.create({ data: { name: "Bench sign-in org" } });
  const email = `bench-${randomBytes(4).toString("hex")}@example.test`;
  await db().user.create({
    data: {
      email,
      name: "Bench User",
      passwordHash: await hashPassword("the real one"),
      memberships: { create: { organizationId: organization.id, role: "OWNER" } },
    },
  });
  const start = Date.now() - 2 * RUNS * 3 * STEP_MS;
  let attempt = 0;
  const deferred: (() => Promise<void>)[] = [];
  const refuse = async (forEmail: string, defer?: (task: () => Promise<void>) => void, refusalFloorMs?: number) => {
    attempt += 1;
    const started = performance.now();
    await authenticate({
      credentials: { email: forEmail, password: "a wrong one" },
      ipAddress: `198.18.${attempt >> 8}.${attempt & 255}`,
      now: new Date(start + attempt * STEP_MS),
      defer,
      refusalFloorMs,
    }).catch(() => {});
    return performance.now() - started;
  };
  const afterAnswer = (task: () => Promise<void>) => void deferred.push(task);

  const unknown = () => `nobody-${attempt}@example.test`;
  const cases: [string, () => Promise<number>][] = [
    ["known email, audit after the answer (as served)", () => refuse(email, afterAnswer)],
    ["unknown email", () => refuse(unknown())],
    ["without the floor: known email, audit after the answer", () => refuse(email, afterAnswer, 0)],
    ["without the floor: known email, audit before the answer", () => refuse(email, undefined, 0)],
    ["without the floor: unknown email", () => refuse(unknown(), undefined, 0)],
  ];
  const samples = cases.map((): number[] => []);
  for (let round = -2; round < RUNS; round++) {
    const order = cases.map((_, i) => (round % 2 === 0 ? i : cases.length - 1 - i));
    for (const which of order) {
      const ms = await cases[which][1]();
      if (round >= 0) samples[which].push(ms);
      for (const task of deferred.splice(0)) await task();
    }
  }
  return Object.fromEntries(cases.map(([label], i) => [label, summarize(samples[i])]));
}
