import fc from "fast-check";
import { expect } from "vitest";
import { ZodError } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fuzzOptions } from "./fuzz";

// Every table's row count and a sum of its rows' hashes. Equal snapshots: no
// row was written, changed or deleted anywhere. Meant for a database of the
// test file's own (useFreshDatabase), where no other test writes meanwhile.
const snapshotQueries = new Map<string, string>();

export async function tableSnapshot(): Promise<Record<string, string>> {
  const url = process.env.DATABASE_URL!;
  let sql = snapshotQueries.get(url);
  if (!sql) {
    const tables = await db().$queryRaw<{ name: string }[]>`
      SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`;
    sql = tables
      .map(
        ({ name }) =>
          `SELECT '${name}' AS name, count(*)::int AS rows, coalesce(sum(hashtextextended(t::text, 0)::numeric), 0)::text AS digest FROM "${name}" t`,
      )
      .join(" UNION ALL ");
    snapshotQueries.set(url, sql);
  }
  const rows = await db().$queryRawUnsafe<{ name: string; rows: number; digest: string }[]>(sql);
  return Object.fromEntries(rows.map((row) => [row.name, `${row.rows} rows, ${row.digest}`]));
}

export type Outcome = "accepted" | "refused";

// Calls a domain function as a server action would. It succeeds, or refuses
// with an AppError or a ZodError (which toActionError turns into a clear
// message) and leaves every table as it was. Anything else would reach the
// user as "Something went wrong": a 500.
export async function callRefusingCleanly(call: () => Promise<unknown>): Promise<Outcome> {
  const before = await tableSnapshot();
  try {
    await call();
    return "accepted";
  } catch (error) {
    if (!(error instanceof AppError || error instanceof ZodError)) {
      throw new Error(`Not an AppError or ZodError (the user would see "Something went wrong"): ${String(error)}`, { cause: error });
    }
    expect(await tableSnapshot(), `rows changed on refusal (${error.message})`).toEqual(before);
    return "refused";
  }
}

// Runs callRefusingCleanly over generated inputs; returns how often each
// outcome came, so a test can tell the fuzz reached past the refusals.
export async function fuzzRefusals<T>(inputs: fc.Arbitrary<T>, call: (input: T) => Promise<unknown>, numRuns = 100): Promise<Record<Outcome, number>> {
  const seen: Record<Outcome, number> = { accepted: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(inputs, async (input) => {
      seen[await callRefusingCleanly(() => call(input))]++;
    }),
    fuzzOptions(numRuns),
  );
  return seen;
}
