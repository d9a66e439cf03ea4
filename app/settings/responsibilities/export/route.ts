import { getCurrentMember } from "@/lib/auth/current-member";
import { organizationRaci } from "@/lib/responsibilities/organization-raci";
import { raciCsv, raciMarkdown } from "@/lib/responsibilities/raci-export";

// The organization's RACI matrix as Markdown or CSV, for an internal runbook.
export async function GET(request: Request) {
  const member = await getCurrentMember();
  if (!member) return Response.json({ error: "Sign in first." }, { status: 401 });
  const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "md";
  const { organization, matrix } = await organizationRaci(member.organizationId);
  const date = new Date().toISOString().slice(0, 10);
  const body = format === "csv" ? raciCsv(matrix) : raciMarkdown(matrix, `Secret key responsibilities: ${organization.name} (${date})`);
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="key-responsibilities-${date}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
