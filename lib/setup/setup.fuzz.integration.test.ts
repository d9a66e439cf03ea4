import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { hostileValue, orAnything } from "@/lib/testing/fuzz";
import { fuzzRefusals } from "@/lib/testing/fuzz-db";
import { setupFields } from "@/lib/testing/input-arbitraries";
import { completeSetup } from "./complete-setup";
import { ensureSetupToken } from "./setup-token";

let setupToken: string;

beforeAll(async () => {
  await useFreshDatabase();
  setupToken = (await ensureSetupToken(fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-setup-fuzz-"))))!;
});

describe("first-run setup, fuzzed", () => {
  it("completeSetup on an untouched installation: set up once, every other input refused with no row written", async () => {
    const token = fc.oneof({ weight: 3, arbitrary: fc.constant(setupToken) }, fc.constant(setupToken.toUpperCase()), hostileValue);
    const seen = await fuzzRefusals(fc.tuple(orAnything(setupFields), token), ([input, setupToken]) =>
      completeSetup(input, { setupToken, ipAddress: "127.0.0.1", userAgent: "fuzz" }),
    );
    expect(seen.accepted).toBe(1);
    expect(await db().user.count()).toBe(1);
  });
});
