import { describe, expect, it } from "vitest";
import { forwardedClientAddress, parseTrustProxy } from "./forwarded-client";

const from = (socketAddress: string, forwardedFor?: string | string[]) => ({ socketAddress, forwardedFor });

describe("parseTrustProxy", () => {
  it.each([
    [undefined, { kind: "none" }],
    ["false", { kind: "none" }],
    ["true", { kind: "hops", hops: 1 }],
    ["2", { kind: "hops", hops: 2 }],
  ])("%j -> %j", (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
  });

  it("reads proxy addresses and ranges", () => {
    const trust = parseTrustProxy("10.0.0.0/8, 2001:db8::1");
    expect(trust.kind).toBe("proxies");
  });

  it.each(["yes", "10.0.0.1/8", "999", "__proto__"])("refuses %j with a clear error", (raw) => {
    expect(() => parseTrustProxy(raw)).toThrow(/TRUST_PROXY/);
  });
});

describe("forwardedClientAddress", () => {
  it("ignores X-Forwarded-For unless proxies are trusted", () => {
    expect(forwardedClientAddress(from("203.0.113.5", "1.2.3.4"), { kind: "none" })).toBe("203.0.113.5");
    expect(forwardedClientAddress(from("::ffff:203.0.113.5"), { kind: "none" })).toBe("203.0.113.5");
  });

  it("with one trusted hop, takes the address the proxy saw, not the client's own leftmost claim", () => {
    const trust = parseTrustProxy("true");
    // The client sent "X-Forwarded-For: 10.0.0.1" itself; the proxy appended what it saw.
    expect(forwardedClientAddress(from("127.0.0.1", "10.0.0.1, 198.51.100.7"), trust)).toBe("198.51.100.7");
    expect(forwardedClientAddress(from("127.0.0.1", ["10.0.0.1", "198.51.100.7"]), trust)).toBe("198.51.100.7");
    expect(forwardedClientAddress(from("127.0.0.1"), trust)).toBe("127.0.0.1");
  });

  it("with two hops, skips the inner proxy too", () => {
    expect(forwardedClientAddress(from("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.9"), parseTrustProxy("2"))).toBe("198.51.100.7");
    // Fewer entries than hops: the leftmost is the best there is.
    expect(forwardedClientAddress(from("10.0.0.2", "198.51.100.7"), parseTrustProxy("2"))).toBe("198.51.100.7");
  });

  it("with a proxy list, walks from the right past trusted proxies only", () => {
    const trust = parseTrustProxy("10.0.0.0/8");
    expect(forwardedClientAddress(from("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.1.2.3"), trust)).toBe("198.51.100.7");
    // A direct connection from outside: its X-Forwarded-For is its own invention.
    expect(forwardedClientAddress(from("198.51.100.9", "10.0.0.5"), trust)).toBe("198.51.100.9");
    // All trusted: the leftmost.
    expect(forwardedClientAddress(from("10.0.0.2", "10.9.9.9"), trust)).toBe("10.9.9.9");
    // Garbage in the chain stops at the last trusted proxy.
    expect(forwardedClientAddress(from("10.0.0.2", "198.51.100.7, <script>"), trust)).toBe("10.0.0.2");
  });

  it("a garbage hop with a hop count falls back to the peer", () => {
    expect(forwardedClientAddress(from("127.0.0.1", "not-an-address"), parseTrustProxy("true"))).toBe("127.0.0.1");
  });
});
