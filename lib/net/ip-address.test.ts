import net from "node:net";
import { describe, expect, it } from "vitest";
import { embeddedIPv4, formatIpAddress, mapToIPv6, parseHostAddress, parseIpAddress, unmapIPv4 } from "./ip-address";

const text = (address: ReturnType<typeof parseIpAddress>) => (address ? formatIpAddress(address) : null);

describe("parseIpAddress (strict)", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["0.0.0.0", "0.0.0.0"],
    ["255.255.255.255", "255.255.255.255"],
    ["::", "::"],
    ["::1", "::1"],
    ["1::", "1::"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["2001:DB8:0:0:8:800:200C:417A", "2001:db8::8:800:200c:417a"],
    ["2001:db8::8:800:200c:417a", "2001:db8::8:800:200c:417a"],
    ["ff01::101", "ff01::101"],
    ["1:0:0:2:0:0:0:3", "1:0:0:2::3"],
    ["1:0:0:2:0:0:3:4", "1::2:0:0:3:4"],
    ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"],
    ["::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"],
    ["1::2:3:4:5:6:7", "1:0:2:3:4:5:6:7"],
    ["0001:0002::0003", "1:2::3"],
    ["::ffff:127.0.0.1", "::ffff:127.0.0.1"],
    ["::ffff:7f00:1", "::ffff:127.0.0.1"],
    ["::FFFF:7F00:0001", "::ffff:127.0.0.1"],
    ["0:0:0:0:0:ffff:127.0.0.1", "::ffff:127.0.0.1"],
    ["::127.0.0.1", "::7f00:1"],
    ["64:ff9b::192.0.2.33", "64:ff9b::c000:221"],
    ["1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"],
    ["fe80::1%eth0", "fe80::1%eth0"],
    ["fe80::1%2", "fe80::1%2"],
    ["fe80::a:b%en0.100", "fe80::a:b%en0.100"],
  ])("reads %s as %s", (input, canonical) => {
    expect(text(parseIpAddress(input))).toBe(canonical);
    expect(net.isIP(input)).not.toBe(0);
  });

  it.each([
    "",
    "localhost",
    "example.com",
    "1.2.3",
    "1.2.3.4.5",
    "256.0.0.1",
    "01.2.3.4",
    "0177.0.0.1",
    "0x7f.0.0.1",
    "127.1",
    "2130706433",
    "1.2.3.4 ",
    " 1.2.3.4",
    "1.2.3.-4",
    "1.2.3.4%eth0",
    "[::1]",
    ":",
    ":::",
    "1:::2",
    "1::2::3",
    ":1::",
    "::1:",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7:8::",
    "1::2:3:4:5:6:7:8",
    "12345::",
    "g::1",
    "::1.2.3",
    "::1.2.3.4:5",
    "1.2.3.4::",
    "::ffff:256.0.0.1",
    "::ffff:01.2.3.4",
    "fe80::1%",
    "fe80::1%a%b",
    "fe80::1%eth 0",
  ])("refuses %j", (input) => {
    expect(parseIpAddress(input)).toBeNull();
  });
});

describe("parseHostAddress (as a URL host)", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["2130706433", "127.0.0.1"],
    ["0x7f000001", "127.0.0.1"],
    ["0X7F000001", "127.0.0.1"],
    ["0x7f.0.0.1", "127.0.0.1"],
    ["0x7f.1", "127.0.0.1"],
    ["0177.0.0.1", "127.0.0.1"],
    ["0177.0.0.01", "127.0.0.1"],
    ["017700000001", "127.0.0.1"],
    ["127.1", "127.0.0.1"],
    ["127.0.1", "127.0.0.1"],
    ["127.0.0.1.", "127.0.0.1"],
    ["0", "0.0.0.0"],
    ["0x", "0.0.0.0"],
    ["0xa9fea9fe", "169.254.169.254"],
    ["169.254.43518", "169.254.169.254"],
    ["169.16689662", "169.254.169.254"],
    ["2852039166", "169.254.169.254"],
    ["10.1", "10.0.0.1"],
    ["4294967295", "255.255.255.255"],
    ["[::1]", "::1"],
    ["[::ffff:7f00:1]", "::ffff:127.0.0.1"],
    ["[0:0:0:0:0:ffff:127.0.0.1]", "::ffff:127.0.0.1"],
  ])("reads %s as %s, as the URL parser does", (host, canonical) => {
    expect(text(parseHostAddress(host))).toBe(canonical);
    const urlHost = new URL(`http://${host}/`).hostname;
    expect(text(parseHostAddress(urlHost))).toBe(canonical);
  });

  it.each([
    "4294967296",
    "256.1.1.1",
    "1.256.1.1",
    "1.2.65536",
    "1.2.3.256",
    "08.1.1.1",
    "0x1g.1",
    "1..2",
    ".1.2.3",
    "1.2.3.4.5",
    "example.com",
    "1e3",
    "[127.0.0.1]",
    "[::1",
    "",
  ])("refuses %j", (host) => {
    expect(parseHostAddress(host)).toBeNull();
  });
});

describe("v4 inside v6", () => {
  it("maps and unmaps", () => {
    const v4 = parseIpAddress("10.1.2.3")!;
    expect(formatIpAddress(mapToIPv6(v4))).toBe("::ffff:10.1.2.3");
    expect(unmapIPv4(mapToIPv6(v4))).toEqual(v4);
    expect(unmapIPv4(parseIpAddress("::1")!)).toEqual(parseIpAddress("::1"));
  });

  it.each([
    ["::ffff:127.0.0.1", "mapped", "127.0.0.1"],
    ["::ffff:a9fe:a9fe", "mapped", "169.254.169.254"],
    ["::127.0.0.1", "compatible", "127.0.0.1"],
    ["::2", "compatible", "0.0.0.2"],
    ["64:ff9b::7f00:1", "nat64", "127.0.0.1"],
    ["64:ff9b::10.0.0.1", "nat64", "10.0.0.1"],
    ["2002:7f00:1::", "6to4", "127.0.0.1"],
    ["2002:a9fe:a9fe:1234::1", "6to4", "169.254.169.254"],
  ])("%s carries (%s) %s", (address, via, carried) => {
    const embedded = embeddedIPv4(parseIpAddress(address)!);
    expect(embedded?.via).toBe(via);
    expect(formatIpAddress(embedded!.ipv4)).toBe(carried);
  });

  it.each(["::", "::1", "127.0.0.1", "2001:db8::1", "64:ff9b:1::7f00:1", "::ffff:0:7f00:1"])("%s carries none", (address) => {
    expect(embeddedIPv4(parseIpAddress(address)!)).toBeNull();
  });
});
