import type http from "node:http";
import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "@/lib/net/forwarded-client";
import { clientAddressResolver } from "./client-address-resolver";

const request = (socket: { remoteAddress?: string } | null, forwardedFor?: string) =>
  ({ socket, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } }) as unknown as http.IncomingMessage;

describe("clientAddressResolver", () => {
  it("follows each request's X-Forwarded-For on a proxy's connection, one client after another", () => {
    const resolve = clientAddressResolver(parseTrustProxy("true"));
    const proxy = { remoteAddress: "127.0.0.1" };
    expect(resolve(request(proxy, "203.0.113.7"))).toBe("203.0.113.7");
    expect(resolve(request(proxy, "203.0.113.7"))).toBe("203.0.113.7");
    expect(resolve(request(proxy, "198.51.100.2"))).toBe("198.51.100.2");
    expect(resolve(request(proxy))).toBe("127.0.0.1");
    expect(resolve(request(proxy, "spoofed, 203.0.113.9"))).toBe("203.0.113.9");
  });

  it("reads past the trusted proxies' own addresses only", () => {
    const resolve = clientAddressResolver(parseTrustProxy("10.0.0.0/8"));
    const proxy = { remoteAddress: "10.0.0.5" };
    expect(resolve(request(proxy, "203.0.113.7, 10.0.0.9"))).toBe("203.0.113.7");
    expect(resolve(request(proxy, "198.51.100.2"))).toBe("198.51.100.2");
    expect(resolve(request({ remoteAddress: "192.0.2.1" }, "203.0.113.7"))).toBe("192.0.2.1");
  });

  it("keeps connections apart, and ignores the header when no proxy is trusted", () => {
    const resolve = clientAddressResolver(parseTrustProxy(undefined));
    expect(resolve(request({ remoteAddress: "::ffff:192.0.2.1" }, "203.0.113.7"))).toBe("192.0.2.1");
    expect(resolve(request({ remoteAddress: "2001:db8::1" }, "203.0.113.7"))).toBe("2001:db8::1");
    expect(resolve(request({ remoteAddress: "192.0.2.1" }))).toBe("192.0.2.1");
  });

  it("answers for a request whose connection is already gone", () => {
    expect(clientAddressResolver(parseTrustProxy(undefined))(request(null))).toBe("unknown");
  });
});
