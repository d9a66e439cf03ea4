// IP addresses as numbers, so that ranges compare exactly whatever the
// spelling (::ffff:7f00:1, 0x7f.1 and 127.0.0.1 are one address).
export type IpAddress = { readonly version: 4 | 6; readonly value: bigint; readonly zone?: string };

const DECIMAL_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const ZONE = /^[\w.:-]+$/;
const MAPPED_PREFIX = 0xffffn << 32n;

export function ipv4(value: bigint): IpAddress {
  return { version: 4, value };
}

export function ipv6(value: bigint, zone?: string): IpAddress {
  return zone ? { version: 6, value, zone } : { version: 6, value };
}

const CANONICAL_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

// The two spellings a socket or proxy reports for almost every client,
// a.b.c.d and ::ffff:a.b.c.d, read without BigInt arithmetic (they are on
// the path of every verification): the canonical dotted quad, or null for
// any other text (then use parseIpAddress).
export function plainIPv4(text: string): string | null {
  const candidate = text.startsWith("::ffff:") ? text.slice(7) : text;
  return CANONICAL_IPV4.test(candidate) ? candidate : null;
}

// One spelling per address, for counting and recording clients: a.b.c.d
// (also for ::ffff:a.b.c.d), IPv6 compressed in lower case, without a zone;
// null for anything that is not an address (parseIpAddress's rules).
export function canonicalAddress(text: string): string | null {
  const ipv4 = plainIPv4(text);
  if (ipv4) return ipv4;
  const address = parseIpAddress(text);
  return address ? formatIpAddress(unmapIPv4({ version: address.version, value: address.value })) : null;
}

// Strict: dotted-quad IPv4 without leading zeros, or IPv6 in any RFC 4291
// form (compressed, with a trailing dotted quad, with a %zone), which is what
// net.isIP accepts. null for anything else, hostnames included. Use this for
// addresses from configuration and headers.
export function parseIpAddress(text: string): IpAddress | null {
  return text.includes(":") ? parseIPv6(text) : parseDottedQuad(text);
}

// Lenient: how a URL host or inet_aton reads it, so also [v6] in brackets
// and the old IPv4 spellings an attacker puts in URLs: 2130706433,
// 0x7f000001, 0x7f.0.0.1, 0177.0.0.1, 127.1, a trailing dot. Use this to
// judge what a host string could end up connecting to.
export function parseHostAddress(host: string): IpAddress | null {
  if (host.startsWith("[") && host.endsWith("]")) return host.includes(":") ? parseIPv6(host.slice(1, -1)) : null;
  return parseIpAddress(host) ?? parseLegacyIPv4(host);
}

function parseDottedQuad(text: string): IpAddress | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((part) => DECIMAL_OCTET.test(part))) return null;
  return ipv4(parts.reduce((value, part) => (value << 8n) + BigInt(part), 0n));
}

function parseIPv6(text: string): IpAddress | null {
  const [address, zone, ...rest] = text.split("%");
  if (rest.length > 0 || (zone !== undefined && !ZONE.test(zone))) return null;
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const compressed = halves.length === 2;
  const head = toWords(halves[0], !compressed);
  const tail = compressed ? toWords(halves[1], true) : [];
  if (!head || !tail) return null;
  if (compressed ? head.length + tail.length > 7 : head.length !== 8) return null;
  const words = [...head, ...Array(8 - head.length - tail.length).fill(0), ...tail];
  return ipv6(
    words.reduce((value, word) => (value << 16n) + BigInt(word), 0n),
    zone,
  );
}

// The 16-bit words of one side of "::"; only the address's last group may
// be a dotted quad (two words).
function toWords(side: string, endsAddress: boolean): number[] | null {
  if (side === "") return [];
  const groups = side.split(":");
  const words: number[] = [];
  for (const [index, group] of groups.entries()) {
    if (endsAddress && index === groups.length - 1 && group.includes(".")) {
      const embedded = parseDottedQuad(group);
      if (!embedded) return null;
      words.push(Number(embedded.value >> 16n), Number(embedded.value & 0xffffn));
    } else if (HEX_GROUP.test(group)) {
      words.push(parseInt(group, 16));
    } else {
      return null;
    }
  }
  return words;
}

// The WHATWG URL IPv4 parser: 1 to 4 parts, each decimal, 0x-hex or
// 0-octal; the last part fills the remaining bytes.
function parseLegacyIPv4(text: string): IpAddress | null {
  const parts = text.split(".");
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length > 4) return null;
  const numbers = parts.map(legacyNumber);
  if (numbers.some((n) => n === null)) return null;
  const last = numbers.pop() as bigint;
  if ((numbers as bigint[]).some((n) => n > 255n) || last >= 1n << BigInt(8 * (4 - numbers.length))) return null;
  return ipv4((numbers as bigint[]).reduce((value, n, index) => value + (n << BigInt(8 * (3 - index))), last));
}

function legacyNumber(part: string): bigint | null {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0n : BigInt(`0x${part.slice(2)}`);
  if (/^0[0-7]+$/.test(part)) return BigInt(`0o${part.slice(1)}`);
  if (/^(0|[1-9]\d*)$/.test(part)) return BigInt(part);
  return null;
}

// ::ffff:a.b.c.d as the IPv4 address a.b.c.d; any other address unchanged.
export function unmapIPv4(address: IpAddress): IpAddress {
  return address.version === 6 && address.value >> 32n === 0xffffn ? ipv4(address.value & 0xffffffffn) : address;
}

// a.b.c.d as ::ffff:a.b.c.d; an IPv6 address unchanged.
export function mapToIPv6(address: IpAddress): IpAddress {
  return address.version === 4 ? ipv6(MAPPED_PREFIX | address.value) : address;
}

export type EmbeddedIPv4 = { via: "mapped" | "compatible" | "nat64" | "6to4"; ipv4: IpAddress };

// The IPv4 address an IPv6 address carries, where routers or the kernel may
// deliver to it: v4-mapped ::ffff:0:0/96, deprecated v4-compatible ::/96
// (but not :: or ::1), NAT64 64:ff9b::/96, and 6to4 2002::/16.
export function embeddedIPv4(address: IpAddress): EmbeddedIPv4 | null {
  if (address.version !== 6) return null;
  const low32 = ipv4(address.value & 0xffffffffn);
  const high96 = address.value >> 32n;
  if (high96 === 0xffffn) return { via: "mapped", ipv4: low32 };
  if (high96 === 0n && address.value > 1n) return { via: "compatible", ipv4: low32 };
  if (high96 === 0x64ff9bn << 64n) return { via: "nat64", ipv4: low32 };
  if (address.value >> 112n === 0x2002n) return { via: "6to4", ipv4: ipv4((address.value >> 80n) & 0xffffffffn) };
  return null;
}

// Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, the longest run
// of zero words compressed, ::ffff:a.b.c.d for v4-mapped), with its %zone.
export function formatIpAddress(address: IpAddress): string {
  if (address.version === 4) return [24n, 16n, 8n, 0n].map((shift) => (address.value >> shift) & 0xffn).join(".");
  const zone = address.zone ? `%${address.zone}` : "";
  if (address.value >> 32n === 0xffffn) return `::ffff:${formatIpAddress(ipv4(address.value & 0xffffffffn))}${zone}`;
  const words = Array.from({ length: 8 }, (_, i) => Number((address.value >> BigInt(16 * (7 - i))) & 0xffffn));
  let best = { start: -1, length: 1 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && words[start + length] === 0) length++;
    if (length > best.length) best = { start, length };
  }
  const hex = (list: number[]) => list.map((word) => word.toString(16)).join(":");
  if (best.start < 0) return hex(words) + zone;
  return `${hex(words.slice(0, best.start))}::${hex(words.slice(best.start + best.length))}${zone}`;
}
