import { formatIpAddress, mapToIPv6, parseIpAddress, unmapIPv4, type IpAddress } from "./ip-address";

// An address range: the network address (host bits zero) and prefix length.
export type Cidr = { readonly network: IpAddress; readonly prefix: number };

const width = (version: 4 | 6) => (version === 4 ? 32 : 128);

// Parses "10.0.0.0/8", "2001:db8::/32" or a single address (a /32 or /128),
// strictly (no 0x7f.1, no %zone). A v4-mapped network of /96 or longer
// (::ffff:10.0.0.0/104) becomes the IPv4 network (10.0.0.0/8). Throws an
// Error naming the entry, also when host bits are set ("10.0.0.1/8" is
// usually a typo for a single address or for 10.0.0.0/8).
export function parseCidr(text: string): Cidr {
  const [addressText, prefixText, ...rest] = text.trim().split("/");
  const address = parseIpAddress(addressText);
  if (!address || address.zone || rest.length > 0) throw new Error(`"${text}" is not an IP address or CIDR range.`);
  const prefix = prefixText === undefined ? width(address.version) : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix <= width(address.version))) throw new Error(`"${text}" has an invalid prefix length.`);
  const hostBits = BigInt(width(address.version) - prefix);
  if ((address.value >> hostBits) << hostBits !== address.value) {
    throw new Error(`"${text}" has host bits set: write ${formatIpAddress(address)} alone, or the network address.`);
  }
  if (address.version === 6 && prefix >= 96 && address.value >> 32n === 0xffffn) return { network: unmapIPv4(address), prefix: prefix - 96 };
  return { network: address, prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpAddress(cidr.network)}/${cidr.prefix}`;
}

// Whether the range holds the address. An IPv4 address and its v4-mapped
// IPv6 form (::ffff:a.b.c.d) are one address here: each matches the IPv4
// ranges holding a.b.c.d and the IPv6 ranges holding ::ffff:a.b.c.d (such as
// ::/0). Zone ids are ignored. A string is parsed strictly; one that is not
// an address is in no range.
export function inCidr(address: string | IpAddress, cidr: string | Cidr): boolean {
  const parsed = typeof address === "string" ? parseIpAddress(address) : address;
  if (!parsed) return false;
  const range = typeof cidr === "string" ? parseCidr(cidr) : cidr;
  const unmapped = unmapIPv4(parsed);
  const candidate = range.network.version === 6 ? mapToIPv6(unmapped) : unmapped;
  if (candidate.version !== range.network.version) return false;
  const hostBits = BigInt(width(range.network.version) - range.prefix);
  return candidate.value >> hostBits === range.network.value >> hostBits;
}

// A list of ranges, e.g. trusted proxies from configuration:
//   const trusted = CidrList.parse(process.env.TRUSTED_PROXIES ?? "");
//   trusted.has(socket.remoteAddress ?? "")
// parse takes a comma- or whitespace-separated string or an array, ignores
// empty entries and throws on the first invalid one (see parseCidr), so a
// bad setting stops the start instead of trusting the wrong addresses.
export class CidrList {
  constructor(readonly ranges: readonly Cidr[]) {}

  static parse(entries: string | readonly string[]): CidrList {
    const list = typeof entries === "string" ? entries.split(/[\s,]+/) : entries;
    return new CidrList(list.filter((entry) => entry.trim() !== "").map(parseCidr));
  }

  // The first range holding the address (matched as inCidr does).
  find(address: string | IpAddress): Cidr | undefined {
    const parsed = typeof address === "string" ? parseIpAddress(address) : address;
    return parsed ? this.ranges.find((range) => inCidr(parsed, range)) : undefined;
  }

  has(address: string | IpAddress): boolean {
    return this.find(address) !== undefined;
  }

  toString(): string {
    return this.ranges.map(formatCidr).join(", ");
  }
}
