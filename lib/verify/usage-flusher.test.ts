import { describe, expect, it } from "vitest";
import { isTransientDatabaseError, UsageFlusher } from "./usage-flusher";
import { UsageRecorder, type Usage } from "./usage-recorder";
import type { UsageUnit } from "./write-usage";

const usage = (keyId: string, overrides: Partial<Usage> = {}): Usage => ({
  keyId,
  organizationId: "o1",
  at: 1000,
  ipAddress: "10.0.0.1",
  viaAddress: null,
  userAgent: "sdk/1",
  scope: "DATASET",
  action: "read",
  outcome: "ALLOWED",
  ...overrides,
});

const sqlError = (code: string, message = "refused") => Object.assign(new Error(message), { code });

// A fake database: refuses any unit holding a "poison" key with a data
// error, or everything while "down"; remembers what it stored by unit id.
function fakeDatabase() {
  const stored = new Map<string, UsageUnit>();
  const state = { down: false, attempts: 0 };
  const write = async (unit: UsageUnit) => {
    state.attempts++;
    if (state.down) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    if (unit.lastUsed.some(([id]) => id.startsWith("poison")) || unit.activity.some((row) => row.keyId.startsWith("poison"))) {
      throw sqlError("23503", "insert or update violates foreign key constraint");
    }
    if (!stored.has(unit.id)) stored.set(unit.id, unit);
  };
  const keysWritten = () => [...stored.values()].flatMap((unit) => unit.activity.map((row) => row.keyId)).sort();
  return { write, state, stored, keysWritten };
}

describe("isTransientDatabaseError", () => {
  it.each([
    [Object.assign(new Error("x"), { code: "ECONNRESET" }), true],
    [sqlError("57P01", "terminating connection due to administrator command"), true],
    [sqlError("08006"), true],
    [sqlError("40P01", "deadlock detected"), true],
    [new Error("Connection terminated unexpectedly"), true],
    [new Error("timeout exceeded when trying to connect"), true],
    [sqlError("22P02", 'invalid input value for enum "KeyScope": "[object Object]"'), false],
    [sqlError("23503"), false],
    [sqlError("22021", "invalid byte sequence for encoding"), false],
    [new RangeError("Invalid time value"), false],
  ])("%s -> %s", (error, transient) => {
    expect(isTransientDatabaseError(error)).toBe(transient);
  });
});

describe("UsageFlusher", () => {
  it("drops only the row the database refuses and writes the rest", async () => {
    const recorder = new UsageRecorder();
    for (const key of ["a", "b", "poison", "c", "d", "e"]) recorder.record(usage(key));
    const database = fakeDatabase();
    const log: string[] = [];
    const flusher = new UsageFlusher(recorder, database.write, (line) => log.push(line));
    await flusher.flush();
    expect(database.keysWritten()).toEqual(["a", "b", "c", "d", "e"]);
    expect(flusher.pending).toBe(0);
    expect(flusher.droppedRows).toBe(2); // its Last Used and its activity row
    expect(log.join("\n")).toMatch(/Dropped .*poison/);
    // Later traffic is written as usual: the writer is not wedged.
    recorder.record(usage("f"));
    await flusher.flush();
    expect(database.keysWritten()).toContain("f");
  });

  it("keeps a batch that failed for a passing reason, same id, and writes it before newer traffic", async () => {
    const recorder = new UsageRecorder();
    recorder.record(usage("a"));
    const database = fakeDatabase();
    const flusher = new UsageFlusher(recorder, database.write, () => {});
    database.state.down = true;
    await flusher.flush();
    await flusher.flush();
    recorder.record(usage("b"));
    await flusher.flush();
    expect(database.stored.size).toBe(0);
    expect(flusher.pending).toBe(4); // a's batch and b's traffic: a Last Used and an activity row each
    database.state.down = false;
    await flusher.flush();
    expect(database.keysWritten()).toEqual(["a", "b"]);
    expect(flusher.pending).toBe(0);
  });

  it("retries a batch whose commit was not acknowledged with the same id, so it is stored once", async () => {
    const recorder = new UsageRecorder();
    recorder.record(usage("a"));
    const database = fakeDatabase();
    let lost = true;
    const flusher = new UsageFlusher(
      recorder,
      async (unit) => {
        await database.write(unit);
        if (lost) {
          lost = false;
          throw new Error("Connection terminated unexpectedly");
        }
      },
      () => {},
    );
    await flusher.flush();
    await flusher.flush();
    expect(database.state.attempts).toBe(2);
    expect(database.stored.size).toBe(1);
  });
});
