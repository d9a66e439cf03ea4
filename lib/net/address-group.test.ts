import { describe, expect, it } from "vitest";
import { addressGroup } from "./address-group";
import { formatIpAddress, parseIpAddress, plainIPv4, unmapIPv4 } from "./ip-address";

describe("addressGroup", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:db8:1:3::1", "2001:db8:1:3::/64"],
    ["fe80::1%eth0", "fe80::/64"],
    ["unknown", "unknown"],
  ])("%s -> %s", (address, group) => {
    expect(addressGroup(address)).toBe(group);
  });
});

// The IPv4 shortcut must agree with the general path on every spelling.
describe("plainIPv4 agrees with parsing", () => {
  const slowGroup = (address: string) => {
    const parsed = parseIpAddress(address);
    return parsed ? formatIpAddress(unmapIPv4(parsed)) : null;
  };
  it.each([
    "0.0.0.0",
    "255.255.255.255",
    "127.0.0.1",
    "::ffff:10.1.2.3",
    "01.2.3.4",
    "1.2.3.256",
    "1.2.3",
    "1.2.3.4.5",
    "::ffff:1.2.3",
    "::FFFF:1.2.3.4",
    "1.2.3.4 ",
    "1.2.3.4\n",
    "١.2.3.4",
    "0x7f.0.0.1",
  ])("%s", (address) => {
    const fast = plainIPv4(address);
    if (fast !== null) expect(fast).toBe(slowGroup(address));
    expect(addressGroup(address)).toBe(slowGroup(address) ?? address);
  });

  it("on pseudo-random quads (seeded, so a failure repeats)", () => {
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % 300;
    for (let i = 0; i < 2_000; i++) {
      const quad = Array.from({ length: 4 }, next).join(".");
      for (const address of [quad, `::ffff:${quad}`]) expect(plainIPv4(address)).toBe(slowGroup(address));
    }
  });
});
