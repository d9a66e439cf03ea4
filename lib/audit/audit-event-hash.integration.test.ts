import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { auditEventHash } from "./audit-event-hash";
import { recordAuditEvent } from "./record-event";

const DETAILS = [
  undefined,
  { email: "ada@example.test", role: "ADMIN" },
  { b: 1, aa: [1, 2.5, -3, 0.1], a: { nested: { z: null, y: true } }, é: "ünïcödé ✓ 𝕏", "": "empty key" },
  { text: 'quote " backslash \\ newline \n tab \t bell \u0007 del \u007f line-sep \u2028' },
  { big: 9007199254740991, negative: -0.000001, exp: 1e-7, float: 1 / 3 },
  [],
  { list: [], object: {} },
  "a plain string",
  12345,
];

describe("the chain hash computed in the application", () => {
  it.each(DETAILS.map((details) => [JSON.stringify(details) ?? "undefined", details]))(
    "matches the database's audit_event_hash for details %s",
    async (_label, details) => {
      const { actors } = await createOrganizationWithAllRoles();
      await db().$transaction((tx) =>
        recordAuditEvent(tx, { actor: { ...actors.ADMIN, userAgent: "ua \u00e9 \u0001" }, action: "member.added", details: details as never }),
      );
      const [row] = await db().auditEvent.findMany({ where: { organizationId: actors.ADMIN.organizationId }, orderBy: { sequence: "desc" }, take: 1 });
      const [{ expected }] = await db().$queryRaw<
        { expected: string }[]
      >`SELECT audit_event_hash(e) AS "expected" FROM "AuditEvent" e WHERE e."id" = ${row.id}`;
      expect(row.hash).toBe(expected);
      expect(auditEventHash(row)).toBe(expected);
    },
  );
});
