import { csvLine } from "@/lib/audit/audit-csv";
import { getCurrentMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { reviewActivity } from "@/lib/incidents/incident-activity";
import { latestIncidentForKey } from "@/lib/incidents/incident-step-actions";
import { reviewWindow } from "@/lib/incidents/review-window";

// The compromised key's activity in the review window, as CSV.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const member = await getCurrentMember();
  if (!member) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!can(member.role, "incidents.run")) return Response.json({ error: "Your role cannot read incidents." }, { status: 403 });
  const keyId = (await params).id;
  const incident = await latestIncidentForKey(member.organizationId, keyId);
  if (!incident) return Response.json({ error: "No incident for this key." }, { status: 404 });
  const search = new URL(request.url).searchParams;
  const window = reviewWindow({ from: search.get("from"), to: search.get("to") }, incident.revokedAt, new Date());
  const rows = await reviewActivity({ organizationId: member.organizationId, keyId, from: window.fromDate, to: window.toDate, revokedAt: incident.revokedAt });
  const body =
    csvLine([
      "first_seen_utc",
      "last_seen_utc",
      "ip_address",
      "via_address",
      "other_clients",
      "user_agent",
      "scope",
      "action",
      "outcome",
      "requests",
      "suspicious",
    ]) +
    rows
      .map((r) =>
        csvLine([
          r.firstSeenAt.toISOString(),
          r.lastSeenAt.toISOString(),
          r.overflow ? "" : r.ipAddress,
          r.viaAddress,
          r.overflow ? "yes" : "no",
          r.userAgent,
          r.scope,
          r.action,
          r.outcome,
          r.requestCount,
          r.suspicious.join("; "),
        ]),
      )
      .join("");
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="key-activity-${window.from}-${window.to}.csv"`,
      "cache-control": "no-store",
    },
  });
}
