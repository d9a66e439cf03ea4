import { describe, expect, it } from "vitest";
import { CidrList, formatCidr, inCidr, parseCidr } from "./cidr-list";

describe("parseCidr", () => {
  it.each([
    ["10.0.0.0/8", "10.0.0.0/8"],
    ["10.1.2.3", "10.1.2.3/32"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    [" 192.168.0.0/16 ", "192.168.0.0/16"],
    ["2001:DB8::/32", "2001:db8::/32"],
    ["::1", "::1/128"],
    ["::/0", "::/0"],
    ["::ffff:10.0.0.0/104", "10.0.0.0/8"],
    ["::ffff:0:0/96", "0.0.0.0/0"],
    ["::ffff:7f00:1", "127.0.0.1/32"],
  ])("reads %j as %s", (input, canonical) => {
    expect(formatCidr(parseCidr(input))).toBe(canonical);
  });

  it.each([
    ["10.0.0.1/8", /host bits/],
    ["2001:db8::1/32", /host bits/],
    ["10.0.0.0/33", /prefix/],
    ["::/129", /prefix/],
    ["10.0.0.0/", /prefix/],
    ["10.0.0.0/-1", /prefix/],
    ["10.0.0.0/8/8", /not an IP/],
    ["10.1/16", /not an IP/],
    ["0x0a000000/8", /not an IP/],
    ["fe80::%eth0/64", /not an IP/],
    ["example.com/24", /not an IP/],
    ["", /not an IP/],
  ])("refuses %j", (input, message) => {
    expect(() => parseCidr(input)).toThrow(message);
  });
});

describe("inCidr", () => {
  it.each([
    ["10.1.2.3", "10.0.0.0/8", true],
    ["11.0.0.0", "10.0.0.0/8", false],
    ["9.255.255.255", "10.0.0.0/8", false],
    ["172.31.255.255", "172.16.0.0/12", true],
    ["172.32.0.0", "172.16.0.0/12", false],
    ["1.2.3.4", "0.0.0.0/0", true],
    ["1.2.3.4", "1.2.3.4", true],
    ["1.2.3.5", "1.2.3.4/32", false],
    ["2001:db8::1", "2001:db8::/32", true],
    ["2001:db9::1", "2001:db8::/32", false],
    ["fe80::1%eth0", "fe80::/10", true],
    ["::1", "::1/128", true],
    ["::1", "::/0", true],
    // v4-mapped IPv6 is the IPv4 address, both ways.
    ["::ffff:10.1.2.3", "10.0.0.0/8", true],
    ["::ffff:a01:203", "10.0.0.0/8", true],
    ["10.1.2.3", "::ffff:10.0.0.0/104", true],
    ["::ffff:10.1.2.3", "::ffff:10.0.0.0/104", true],
    ["10.1.2.3", "::/0", true],
    ["::ffff:10.1.2.3", "::/0", true],
    ["::ffff:11.1.2.3", "10.0.0.0/8", false],
    // Other embeddings are other addresses for matching.
    ["::10.1.2.3", "10.0.0.0/8", false],
    ["64:ff9b::10.1.2.3", "10.0.0.0/8", false],
    ["2001:db8::1", "0.0.0.0/0", false],
    ["1.2.3.4", "2000::/3", false],
    // Strict: not an address, so in no range.
    ["10.1", "10.0.0.0/8", false],
    ["0x0a.1.2.3", "10.0.0.0/8", false],
    ["localhost", "127.0.0.0/8", false],
    ["", "0.0.0.0/0", false],
  ])("%s in %s: %s", (address, cidr, expected) => {
    expect(inCidr(address, cidr)).toBe(expected);
  });
});

describe("CidrList", () => {
  it("parses a setting and matches v4, v6 and v4-mapped addresses", () => {
    const list = CidrList.parse("10.0.0.0/8, 192.168.1.7\n 2001:db8::/32,,");
    expect(list.toString()).toBe("10.0.0.0/8, 192.168.1.7/32, 2001:db8::/32");
    expect(list.has("10.9.9.9")).toBe(true);
    expect(list.has("::ffff:10.9.9.9")).toBe(true);
    expect(list.has("192.168.1.7")).toBe(true);
    expect(list.has("192.168.1.8")).toBe(false);
    expect(list.has("2001:db8:1::5")).toBe(true);
    expect(list.has("127.0.0.1")).toBe(false);
    expect(list.has("not an address")).toBe(false);
    expect(formatCidr(list.find("2001:db8::5")!)).toBe("2001:db8::/32");
  });

  it("takes an array, and an empty setting trusts nothing", () => {
    expect(CidrList.parse(["127.0.0.1", "::1"]).has("::1")).toBe(true);
    expect(CidrList.parse("").has("127.0.0.1")).toBe(false);
    expect(CidrList.parse([]).ranges).toEqual([]);
  });

  it("throws on the first bad entry, naming it", () => {
    expect(() => CidrList.parse("10.0.0.0/8, 10.0.0.1/8")).toThrow('"10.0.0.1/8" has host bits set');
    expect(() => CidrList.parse(["::1", "proxy.internal"])).toThrow('"proxy.internal" is not an IP address');
  });
});
