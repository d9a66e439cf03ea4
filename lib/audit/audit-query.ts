import { z } from "@/lib/validation/zod";
import { isStorableText } from "@/lib/validation/stored-text";
import { AUDIT_ACTIONS } from "./audit-actions";

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));

// The audit log's filters, read from the URL; values that do not fit are dropped.
export const auditQuery = z.object({
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
  actor: z.preprocess(first, z.string().min(1).max(64).refine(isStorableText).optional()).catch(undefined),
  action: z.preprocess(first, z.enum(AUDIT_ACTIONS as [string, ...string[]]).optional()).catch(undefined),
  key: z.preprocess(first, z.string().trim().min(1).max(64).refine(isStorableText).optional()).catch(undefined),
  from: z.preprocess(first, day.optional()).catch(undefined),
  to: z.preprocess(first, day.optional()).catch(undefined),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const AUDIT_PAGE_SIZE = 50;

export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  return auditQuery.parse(params);
}

export function auditSearchParams(query: Partial<AuditQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "" && !(name === "page" && value === 1)) params.set(name, String(value));
  }
  return params;
}
