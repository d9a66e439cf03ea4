import { getCurrentMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { AUDIT_CSV_HEADER, auditCsvLine, csvLine } from "@/lib/audit/audit-csv";
import { parseAuditQuery } from "@/lib/audit/audit-query";
import { allAuditEvents } from "@/lib/audit/list-audit-events";

// Streams the caller's organization's audit log (with the page's filters) as CSV.
export async function GET(request: Request) {
  const member = await getCurrentMember();
  if (!member) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!can(member.role, "audit.view")) return Response.json({ error: "Your role cannot view the audit log." }, { status: 403 });
  const { page: _page, ...filters } = parseAuditQuery(Object.fromEntries(new URL(request.url).searchParams));
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(csvLine(AUDIT_CSV_HEADER)));
      for await (const rows of allAuditEvents(member.organizationId, filters)) {
        controller.enqueue(encoder.encode(rows.map(auditCsvLine).join("")));
      }
      controller.close();
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-log-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
