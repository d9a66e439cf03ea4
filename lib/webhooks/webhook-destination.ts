import { isForbiddenDestination } from "@/lib/net/forbidden-destination";
import { parseHostAddress } from "@/lib/net/ip-address";

// WEBHOOK_ALLOW_PRIVATE=true lets webhooks reach loopback and private
// addresses, for receivers inside a self-hosted network. Read at each use.
export function webhookAllowsPrivate(): boolean {
  return process.env.WEBHOOK_ALLOW_PRIVATE === "true";
}

// Why a webhook URL's host cannot be used, when that is known already: an IP
// literal (in any spelling the URL parser accepts). A hostname is checked
// when sending, since its DNS answer can change.
export function webhookUrlProblem(url: string): string | null {
  const literal = parseHostAddress(new URL(url).hostname);
  if (!literal) return null;
  if (!isForbiddenDestination(literal, { allowPrivate: webhookAllowsPrivate() })) return null;
  if (!isForbiddenDestination(literal, { allowPrivate: true })) {
    return "This address is not allowed: it is loopback or private. Webhooks go to public addresses unless the server sets WEBHOOK_ALLOW_PRIVATE=true.";
  }
  return "This address is not allowed: webhooks never go to cloud metadata, link-local, multicast or reserved addresses.";
}
