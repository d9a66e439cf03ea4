import { describe, expect, it } from "vitest";
import { classifyAddress, isForbiddenDestination } from "./forbidden-destination";
import { parseHostAddress } from "./ip-address";

describe("classifyAddress", () => {
  it.each([
    // IPv4
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["93.184.216.34", "public"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.15.255.255", "public"],
    ["172.32.0.0", "public"],
    ["192.168.0.1", "private"],
    ["192.169.0.1", "public"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["100.63.255.255", "public"],
    ["100.128.0.0", "public"],
    ["169.254.0.1", "link-local"],
    ["169.254.170.2", "link-local"],
    ["169.254.169.254", "metadata"],
    ["100.100.100.200", "metadata"],
    ["168.63.129.16", "metadata"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.254", "reserved"],
    ["192.0.0.8", "reserved"],
    ["192.0.0.192", "reserved"],
    ["192.88.99.1", "reserved"],
    ["192.0.2.1", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.9", "documentation"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["198.20.0.0", "public"],
    // IPv6
    ["2606:4700:4700::1111", "public"],
    ["2001:4860:4860::8888", "public"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["fd00:ec2::254", "metadata"],
    ["fd00:ec2::23", "metadata"],
    ["fd20:ce::254", "metadata"],
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["2001:2::1", "benchmarking"],
    ["2001::1", "reserved"],
    ["100::1", "reserved"],
    ["64:ff9b:1::1", "reserved"],
    ["::ffff:0:7f00:1", "reserved"],
    ["5f00::1", "reserved"],
    ["4000::1", "reserved"],
    // IPv4 inside IPv6 is what the IPv4 address is.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "metadata"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["::ffff:8.8.8.8", "public"],
    ["::127.0.0.1", "loopback"],
    ["::7f00:1", "loopback"],
    ["::8.8.8.8", "reserved"],
    ["64:ff9b::127.0.0.1", "loopback"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["64:ff9b::c0a8:101", "private"],
    ["64:ff9b::8.8.8.8", "public"],
    ["2002:7f00:1::1", "loopback"],
    ["2002:a00:1::", "private"],
    ["2002:a9fe:a9fe::1", "metadata"],
    ["2002:6440:1::", "shared"],
    ["2002:808:808::1", "public"],
    // Spellings from URLs.
    ["2130706433", "loopback"],
    ["0x7f000001", "loopback"],
    ["0x7f.0.0.1", "loopback"],
    ["0177.0.0.1", "loopback"],
    ["127.1", "loopback"],
    ["0", "unspecified"],
    ["0xa9fea9fe", "metadata"],
    ["2852039166", "metadata"],
    ["0251.0376.0251.0376", "metadata"],
    ["169.254.43518", "metadata"],
    ["012.1", "private"],
    ["[::ffff:127.0.0.1]", "loopback"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(parseHostAddress(address)!)).toBe(kind);
  });
});

describe("isForbiddenDestination", () => {
  it.each(["8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "134744072"])("allows public %s", (address) => {
    expect(isForbiddenDestination(address)).toBe(false);
    expect(isForbiddenDestination(address, { allowPrivate: true })).toBe(false);
  });

  it.each([
    "127.0.0.1",
    "::1",
    "10.0.0.1",
    "172.20.0.1",
    "192.168.1.1",
    "fd12::1",
    "100.64.0.1",
    "::ffff:127.0.0.1",
    "0x7f.1",
    "64:ff9b::a00:1",
    "2002:c0a8:101::1",
  ])("refuses %s, unless private destinations are allowed", (address) => {
    expect(isForbiddenDestination(address)).toBe(true);
    expect(isForbiddenDestination(address, { allowPrivate: true })).toBe(false);
  });

  it.each([
    "169.254.169.254",
    "::ffff:169.254.169.254",
    "0xa9fea9fe",
    "64:ff9b::a9fe:a9fe",
    "2002:a9fe:a9fe::",
    "fd00:ec2::254",
    "100.100.100.200",
    "168.63.129.16",
    "169.254.170.2",
    "fe80::1",
    "0.0.0.0",
    "::",
    "224.0.0.1",
    "ff02::1",
    "255.255.255.255",
    "240.0.0.1",
    "192.0.2.1",
    "198.18.0.1",
    "2001:db8::1",
    "fec0::1",
    "::8.8.8.8",
  ])("refuses %s even when private destinations are allowed", (address) => {
    expect(isForbiddenDestination(address)).toBe(true);
    expect(isForbiddenDestination(address, { allowPrivate: true })).toBe(true);
  });

  it.each(["localhost", "example.com", "", "1.2.3.4.5", "[127.0.0.1]"])("refuses %j: not an address, so never checked", (text) => {
    expect(isForbiddenDestination(text, { allowPrivate: true })).toBe(true);
  });
});
