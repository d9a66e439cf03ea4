// A webhook URL's path and query often hold a bearer token (Slack, Teams and
// most SIEM collectors put it there), and some services put one in the host
// name: the audit log keeps and shows only the scheme and the last two labels
// of the host, so roles that read the log do not learn what only owners may see.
export function webhookUrlForAudit(url: string): string {
  try {
    const parsed = new URL(url);
    const labels = parsed.hostname.split(".");
    const ipLiteral = parsed.hostname.startsWith("[") || /^\d+(\.\d+){3}$/.test(parsed.hostname);
    const host = ipLiteral || labels.length <= 2 ? parsed.host : `…${labels.slice(-2).join(".")}${parsed.port ? `:${parsed.port}` : ""}`;
    const rest = parsed.pathname === "/" && !parsed.search ? "" : "/…";
    return `${parsed.protocol}//${host}${rest}`;
  } catch {
    return "(not a URL)";
  }
}

const WEBHOOK_ACTIONS = new Set(["organization.webhook_set", "organization.webhook_removed"]);

// Details as the audit page and export show them; events recorded before the
// URL was trimmed are trimmed on the way out.
export function shownDetails(action: string, details: unknown): unknown {
  if (!WEBHOOK_ACTIONS.has(action) || typeof details !== "object" || details === null || Array.isArray(details)) return details;
  const url = (details as Record<string, unknown>).url;
  return typeof url === "string" ? { ...details, url: webhookUrlForAudit(url) } : details;
}
