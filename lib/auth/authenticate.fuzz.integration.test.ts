import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createOrganizationWithAllRoles, TEST_PASSWORD } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { fieldsOf, fuzzOptions, orAnything } from "@/lib/testing/fuzz";
import { tableSnapshot } from "@/lib/testing/fuzz-db";
import { emailLike, passwordLike } from "@/lib/testing/fuzz-schema";
import { authenticate } from "./authenticate";

let emails: string[];

beforeAll(async () => {
  await useFreshDatabase();
  emails = (await createOrganizationWithAllRoles()).members.map((member) => member.email);
});

// What a refusal may write: a wrong password is counted (for throttling) and,
// for a known account, recorded in its organization's audit log.
const WRONG_PASSWORD_WRITES = ["SignInAttempt", "AuditEvent", "AuditSeal"];

describe("sign-in, fuzzed", () => {
  it("authenticate signs in or refuses with an AppError; only a wrong password writes, and only its failure record", async () => {
    const email = fc.oneof(
      fc.constantFrom(...emails),
      fc.constantFrom(...emails).map((e) => ` ${e.toUpperCase()} `),
      emailLike,
    );
    const credentials = orAnything(fieldsOf({ email, password: fc.oneof(fc.constant(TEST_PASSWORD), passwordLike) }));
    const seen = { signedIn: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(credentials, fc.ipV4(), async (credentials, ipAddress) => {
        const before = await tableSnapshot();
        const error = await authenticate({ credentials, ipAddress, userAgent: "fuzz" }).then(
          () => null,
          (e: unknown) => e,
        );
        if (error === null) return void seen.signedIn++;
        seen.refused++;
        expect(error).toBeInstanceOf(AppError);
        const after = await tableSnapshot();
        const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
        if ((error as AppError).code === "UNAUTHENTICATED") expect(changed.filter((table) => !WRONG_PASSWORD_WRITES.includes(table))).toEqual([]);
        else expect(changed).toEqual([]);
      }),
      fuzzOptions(100),
    );
    expect(Math.min(seen.signedIn, seen.refused)).toBeGreaterThan(0);
  });
});
