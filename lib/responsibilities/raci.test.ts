import { describe, expect, it } from "vitest";
import { can, ROLES } from "@/lib/auth/permissions";
import { ACTIVITY_OPERATIONS, raciMatrix, type NamedPerson } from "./raci";
import { raciCsv, raciMarkdown } from "./raci-export";

const approver: NamedPerson = { userId: "u1", name: "Ada", email: "ada@example.test", role: "ADMIN", responsibilities: ["PRODUCTION_APPROVER"] };
const billing: NamedPerson = {
  userId: "u2",
  name: "=Bob|x",
  email: "bob@example.test",
  role: "MEMBER",
  responsibilities: ["BILLING_OWNER", "SECURITY_CONTACT"],
};

describe("raciMatrix", () => {
  it.each([false, true])("gives R to exactly the roles the permission table lets do the work (approvals %s)", (requireProductionApproval) => {
    const matrix = raciMatrix({ requireProductionApproval, named: [approver, billing] });
    for (const row of matrix.rows) {
      const operation = ACTIVITY_OPERATIONS[row.id];
      if (!operation) continue;
      for (const role of ROLES) expect(row.cells[`role:${role}`].includes("R"), `${row.id} ${role}`).toBe(can(role, operation));
    }
  });

  it("makes owners accountable for every activity, and informs the rest where the panel tells everyone", () => {
    const matrix = raciMatrix({ requireProductionApproval: false, named: [] });
    for (const row of matrix.rows) expect(row.cells["role:OWNER"]).toContain("A");
    const del = matrix.rows.find((row) => row.id === "delete")!;
    expect(del.cells["role:MEMBER"]).toEqual(["I"]);
  });

  it("has owners approve until approvers are named, then only the named people", () => {
    const before = raciMatrix({ requireProductionApproval: true, named: [] }).rows.find((row) => row.id === "approve-production")!;
    expect(before.cells["role:OWNER"]).toEqual(["R", "A"]);
    expect(before.note).toMatch(/Owners decide/);
    const after = raciMatrix({ requireProductionApproval: true, named: [approver] });
    const row = after.rows.find((r) => r.id === "approve-production")!;
    expect(row.cells["role:OWNER"]).toEqual(["A"]);
    expect(row.cells["person:u1"]).toEqual(["R"]);
    expect(after.rows.find((r) => r.id === "create-production")!.cells["person:u1"]).toEqual(["C"]);
  });

  it("says whether approvals are required", () => {
    const note = (on: boolean) => raciMatrix({ requireProductionApproval: on, named: [] }).rows.find((r) => r.id === "create-production")!.note;
    expect(note(true)).toMatch(/Approval required/);
    expect(note(false)).toMatch(/Approval not required/);
  });

  it("gives named people a column with their letters", () => {
    const matrix = raciMatrix({ requireProductionApproval: false, named: [billing] });
    expect(matrix.columns.map((c) => c.id)).toEqual(["role:OWNER", "role:ADMIN", "role:SECURITY", "role:MEMBER", "person:u2"]);
    expect(matrix.rows.find((r) => r.id === "billing")!.cells["person:u2"]).toEqual(["R"]);
    expect(matrix.rows.find((r) => r.id === "billing")!.cells["role:OWNER"]).toEqual(["A"]);
    expect(matrix.rows.find((r) => r.id === "security-notifications")!.cells["person:u2"]).toEqual(["R"]);
  });
});

describe("exports", () => {
  const matrix = raciMatrix({ requireProductionApproval: true, named: [billing] });

  it("writes a Markdown table whose cells cannot break out of their column", () => {
    const markdown = raciMarkdown(matrix, "Acme | keys");
    const rows = markdown.split("\n").filter((line) => line.startsWith("| "));
    expect(rows).toHaveLength(matrix.rows.length + 2);
    const columns = (line: string) => line.split(/(?<!\\)\|/).length;
    for (const line of rows) expect(columns(line)).toBe(columns(rows[0]));
    expect(markdown).toContain("=Bob\\|x");
  });

  it("keeps names from becoming links, images or HTML in Markdown", () => {
    const sneaky: NamedPerson = { ...billing, name: "[click](https://evil.test) ![x](y) <b>*hi*</b> `c`" };
    const markdown = raciMarkdown(raciMatrix({ requireProductionApproval: false, named: [sneaky] }), "t");
    expect(markdown).toContain("\\[click\\](https://evil.test) !\\[x\\](y) \\<b\\>\\*hi\\*\\</b\\> \\`c\\`");
  });

  it("writes CSV that a spreadsheet will not run as a formula", () => {
    const csv = raciCsv(matrix);
    expect(csv.split("\r\n")[0]).toContain(`"'=Bob|x (Billing owner, Security contact)"`);
    expect(csv.split("\r\n")).toHaveLength(matrix.rows.length + 2);
  });
});
