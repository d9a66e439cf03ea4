import { CidrList } from "./cidr-list";
import { canonicalAddress } from "./ip-address";

// Which proxies in front of the server may say who the client is:
// none (the socket's peer is the client), a number of hops, or the proxies'
// own addresses.
export type ProxyTrust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "proxies"; proxies: CidrList };

// TRUST_PROXY: unset/"false"; "true" (one proxy, e.g. nginx on the same
// machine) or a hop count; or the proxies' addresses/CIDR ranges,
// comma-separated. Throws a clear error for anything else.
export function parseTrustProxy(raw: string | undefined): ProxyTrust {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false" || value === "0") return { kind: "none" };
  if (value === "true") return { kind: "hops", hops: 1 };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error(`TRUST_PROXY: ${hops} proxy hops is more than any real setup; give the proxies' addresses instead.`);
    return { kind: "hops", hops };
  }
  try {
    return { kind: "proxies", proxies: CidrList.parse(value) };
  } catch (error) {
    throw new Error(`TRUST_PROXY must be false, true, a hop count or the proxies' addresses: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const normalize = (text: string | undefined): string | null => (text === undefined ? null : canonicalAddress(text.trim()));

// The client's address: the one the last trusted proxy saw. X-Forwarded-For
// is read from the right, because each proxy appends the address it saw and
// anything to the left of the trusted ones was written by the client itself.
export function forwardedClientAddress(request: { socketAddress: string | undefined; forwardedFor: string | string[] | undefined }, trust: ProxyTrust): string {
  const peer = normalize(request.socketAddress) ?? request.socketAddress ?? "unknown";
  if (trust.kind === "none") return peer;
  const header = Array.isArray(request.forwardedFor) ? request.forwardedFor.join(",") : (request.forwardedFor ?? "");
  const hops = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (trust.kind === "hops") {
    if (trust.hops === 0 || hops.length === 0) return peer;
    const index = Math.max(0, hops.length - trust.hops);
    return normalize(hops[index]) ?? peer;
  }
  let client = peer;
  for (let i = hops.length - 1; i >= 0 && trust.proxies.has(client); i--) {
    const next = normalize(hops[i]);
    // A hop that is not an address: stop at the last proxy we trust.
    if (!next) break;
    client = next;
  }
  return client;
}
