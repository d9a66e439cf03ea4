import { inCidr, parseCidr, type Cidr } from "./cidr-list";
import { embeddedIPv4, parseHostAddress, type IpAddress } from "./ip-address";

export type AddressKind =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "shared"
  | "link-local"
  | "site-local"
  | "metadata"
  | "multicast"
  | "broadcast"
  | "documentation"
  | "benchmarking"
  | "reserved";

const table = (rows: [string, AddressKind][]): { range: Cidr; kind: AddressKind }[] => rows.map(([cidr, kind]) => ({ range: parseCidr(cidr), kind }));

// First match wins, so single addresses come before the ranges holding them.
const IPV4 = table([
  ["169.254.169.254", "metadata"], // AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle...
  ["100.100.100.200", "metadata"], // Alibaba Cloud
  ["168.63.129.16", "metadata"], // Azure WireServer: a public address only the Azure host answers
  ["255.255.255.255", "broadcast"],
  ["0.0.0.0/8", "unspecified"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "shared"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "reserved"],
  ["192.0.2.0/24", "documentation"],
  ["192.88.99.0/24", "reserved"],
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "benchmarking"],
  ["198.51.100.0/24", "documentation"],
  ["203.0.113.0/24", "documentation"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
]);

const IPV6 = table([
  // AWS puts its instance services under fd00:ec2::/32: metadata (::254),
  // EKS Pod Identity credentials (::23), DNS, NTP.
  ["fd00:ec2::/32", "metadata"],
  ["fd20:ce::254", "metadata"], // GCP
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["100::/64", "reserved"],
  ["2001:2::/48", "benchmarking"],
  ["2001:db8::/32", "documentation"],
  ["2001::/23", "reserved"], // protocol assignments, Teredo among them
  ["3fff::/20", "documentation"],
  ["fc00::/7", "private"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "site-local"],
  ["ff00::/8", "multicast"],
]);
const GLOBAL_UNICAST = parseCidr("2000::/3");

// What an address is, for deciding whether a server-side request may go
// there. An IPv6 address carrying an IPv4 one (v4-mapped, v4-compatible,
// NAT64, 6to4) is what the IPv4 address is, since the packet may end there;
// IPv6 outside 2000::/3 that is not listed is "reserved".
export function classifyAddress(address: IpAddress): AddressKind {
  const embedded = embeddedIPv4(address);
  if (embedded) {
    const kind = classifyAddress(embedded.ipv4);
    return kind === "public" && embedded.via === "compatible" ? "reserved" : kind;
  }
  const rows = address.version === 4 ? IPV4 : IPV6;
  const row = rows.find(({ range }) => inCidr(address, range));
  if (row) return row.kind;
  return address.version === 6 && !inCidr(address, GLOBAL_UNICAST) ? "reserved" : "public";
}

// What WEBHOOK_ALLOW_PRIVATE-style settings may open: receivers inside the
// operator's own network. Metadata and link-local stay closed even then:
// they hand out cloud credentials (169.254.169.254, ECS 169.254.170.2) and
// no real receiver lives there. Unspecified, multicast and reserved
// addresses are never a receiver either.
const PRIVATE_KINDS = new Set<AddressKind>(["loopback", "private", "shared"]);

// Whether a server-side request must not go to this address: anything but
// public, or with allowPrivate anything but public, loopback, private and
// shared (CGNAT). A string is read as leniently as a URL host would be
// (0x7f.1, [::1]); a string that is no address in any form, a hostname
// included, is forbidden: resolve names first and check every address.
export function isForbiddenDestination(address: string | IpAddress, options: { allowPrivate?: boolean } = {}): boolean {
  const parsed = typeof address === "string" ? parseHostAddress(address) : address;
  if (!parsed) return true;
  const kind = classifyAddress(parsed);
  return !(kind === "public" || (options.allowPrivate === true && PRIVATE_KINDS.has(kind)));
}
