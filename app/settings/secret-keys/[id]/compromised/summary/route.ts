import { getCurrentMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listIncidentDeliveries } from "@/lib/incidents/incident-deliveries";
import { latestIncidentForKey } from "@/lib/incidents/incident-step-actions";
import { incidentSummaryJson, incidentSummaryMarkdown } from "@/lib/incidents/incident-summary";

// The incident's timeline as Markdown or JSON (owners and security leads).
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const member = await getCurrentMember();
  if (!member) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!can(member.role, "incidents.run")) return Response.json({ error: "Your role cannot read incidents." }, { status: 403 });
  const found = await latestIncidentForKey(member.organizationId, (await params).id);
  if (!found) return Response.json({ error: "No incident for this key." }, { status: 404 });
  const incident = { ...found, deliveries: await listIncidentDeliveries(member.organizationId, found.id) };
  const headers = { "cache-control": "no-store" };
  if (new URL(request.url).searchParams.get("format") === "json") {
    return Response.json(incidentSummaryJson(incident), {
      headers: { ...headers, "content-disposition": `attachment; filename="incident-${incident.id}.json"` },
    });
  }
  return new Response(incidentSummaryMarkdown(incident), {
    headers: { ...headers, "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="incident-${incident.id}.md"` },
  });
}
