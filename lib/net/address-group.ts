import { formatIpAddress, parseIpAddress, plainIPv4, unmapIPv4 } from "./ip-address";

// The unit limits count by: an IPv4 address, or an IPv6 /64 (one subscriber
// or host usually holds a whole /64, so counting single IPv6 addresses would
// give one machine billions of budgets). Anything unparseable counts as itself.
export function addressGroup(address: string): string {
  const ipv4 = plainIPv4(address);
  if (ipv4) return ipv4;
  const parsed = parseIpAddress(address);
  if (!parsed) return address;
  const plain = unmapIPv4({ version: parsed.version, value: parsed.value });
  if (plain.version === 4) return formatIpAddress(plain);
  const network = (plain.value >> 64n) << 64n;
  return `${formatIpAddress({ version: 6, value: network })}/64`;
}
