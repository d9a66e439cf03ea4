import { can, ROLE_LABELS, ROLES, type Operation } from "@/lib/auth/permissions";
import type { Responsibility, Role } from "@/lib/generated/prisma/enums";
import { RESPONSIBILITY_INFO } from "./responsibilities";

export type RaciLetter = "R" | "A" | "C" | "I";
const LETTER_ORDER: RaciLetter[] = ["R", "A", "C", "I"];

export type NamedPerson = { userId: string; name: string; email: string; role: Role; responsibilities: Responsibility[] };
export type RaciColumn = { id: string; label: string; detail: string };
export type RaciRow = { id: string; activity: string; note: string | null; cells: Record<string, RaciLetter[]> };
export type RaciMatrix = { columns: RaciColumn[]; rows: RaciRow[] };

// One activity of the key lifecycle. Role letters come from the permission
// table: R for every role whose permissions let it do the work, A for the
// role that grants those permissions (owners), I for everyone the panel
// tells; named people add their own letters.
type Activity = {
  id: string;
  activity: string;
  doneWith: Operation | null;
  informsEveryone: boolean;
  person?: (held: Responsibility[], context: Context) => RaciLetter[];
  role?: (role: Role, context: Context) => RaciLetter[];
  note?: (context: Context) => string | null;
};
type Context = { requireProductionApproval: boolean; approversNamed: boolean; billingOwnerNamed: boolean; securityContactNamed: boolean };

const holds = (held: Responsibility[], r: Responsibility) => held.includes(r);
const approverRole = (role: Role, c: Context): RaciLetter[] => (!c.approversNamed && can(role, "keys.approve") ? ["R"] : []);

const ACTIVITIES: Activity[] = [
  { id: "create-nonproduction", activity: "Create development, staging and CI/CD keys", doneWith: "keys.create", informsEveryone: true },
  {
    id: "create-production",
    activity: "Create production keys",
    doneWith: "keys.create",
    informsEveryone: true,
    role: (role, c) => (c.requireProductionApproval && !c.approversNamed && can(role, "keys.approve") ? ["C"] : []),
    person: (held, c) => (c.requireProductionApproval && holds(held, "PRODUCTION_APPROVER") ? ["C"] : []),
    note: (c) =>
      c.requireProductionApproval ? "Approval required: each production key is a request an approver decides." : "Approval not required: approvals are off.",
  },
  {
    id: "approve-production",
    activity: "Approve production key requests",
    doneWith: null,
    informsEveryone: false,
    role: approverRole,
    person: (held) => (holds(held, "PRODUCTION_APPROVER") ? ["R"] : []),
    note: (c) => `${c.approversNamed ? "Named approvers decide" : "Owners decide (no approvers named)"}; no one approves their own request.`,
  },
  {
    id: "rotate",
    activity: "Rotate keys",
    doneWith: "keys.rotate",
    informsEveryone: true,
    note: () => "Production and CI/CD every 90 days, staging every 180; key owners are reminded.",
  },
  { id: "delete", activity: "Delete keys", doneWith: "keys.delete", informsEveryone: true },
  {
    id: "compromise-response",
    activity: "Run a compromise response",
    doneWith: "incidents.run",
    informsEveryone: true,
    person: (held) => (holds(held, "SECURITY_CONTACT") ? ["C"] : []),
  },
  {
    id: "review-stale",
    activity: "Review stale keys",
    doneWith: "keys.delete",
    informsEveryone: false,
    role: (role) => (can(role, "keys.view") && !can(role, "keys.delete") ? ["C"] : []),
    note: () => "Key owners are consulted before their keys are deleted.",
  },
  {
    id: "billing",
    activity: "Own billing",
    doneWith: null,
    informsEveryone: false,
    role: (role, c) => (!c.billingOwnerNamed && role === "OWNER" ? ["R"] : []),
    person: (held) => (holds(held, "BILLING_OWNER") ? ["R"] : []),
    note: (c) => (c.billingOwnerNamed ? null : "No billing owner named: owners answer for it."),
  },
  {
    id: "security-notifications",
    activity: "Receive security notifications",
    doneWith: "incidents.run",
    informsEveryone: true,
    person: (held) => (holds(held, "SECURITY_CONTACT") ? ["R"] : []),
    note: (c) => (c.securityContactNamed ? null : "No security contact named."),
  },
];

// Owners grant every permission and settings, so they answer for each activity.
const ACCOUNTABLE: Role = "OWNER";

function sorted(letters: Iterable<RaciLetter>): RaciLetter[] {
  const set = new Set(letters);
  return LETTER_ORDER.filter((letter) => set.has(letter));
}

export function roleLetters(activity: Activity, role: Role, context: Context): RaciLetter[] {
  const letters: RaciLetter[] = [...(activity.role?.(role, context) ?? [])];
  if (activity.doneWith && can(role, activity.doneWith)) letters.push("R");
  if (role === ACCOUNTABLE) letters.push("A");
  if (letters.length === 0 && activity.informsEveryone) letters.push("I");
  return sorted(letters);
}

export function raciMatrix(options: { requireProductionApproval: boolean; named: NamedPerson[] }): RaciMatrix {
  const { named } = options;
  const someone = (r: Responsibility) => named.some((person) => person.responsibilities.includes(r));
  const context: Context = {
    requireProductionApproval: options.requireProductionApproval,
    approversNamed: someone("PRODUCTION_APPROVER"),
    billingOwnerNamed: someone("BILLING_OWNER"),
    securityContactNamed: someone("SECURITY_CONTACT"),
  };
  const columns: RaciColumn[] = [
    ...ROLES.map((role) => ({ id: `role:${role}`, label: ROLE_LABELS[role], detail: "Role" })),
    ...named.map((person) => ({
      id: `person:${person.userId}`,
      label: person.name,
      detail: person.responsibilities.map((r) => RESPONSIBILITY_INFO[r].label).join(", "),
    })),
  ];
  const rows = ACTIVITIES.map((activity) => {
    const cells: Record<string, RaciLetter[]> = {};
    for (const role of ROLES) cells[`role:${role}`] = roleLetters(activity, role, context);
    for (const person of named) cells[`person:${person.userId}`] = sorted(activity.person?.(person.responsibilities, context) ?? []);
    return { id: activity.id, activity: activity.activity, note: activity.note?.(context) ?? null, cells };
  });
  return { columns, rows };
}

export const ACTIVITY_OPERATIONS: Record<string, Operation | null> = Object.fromEntries(ACTIVITIES.map((a) => [a.id, a.doneWith]));
