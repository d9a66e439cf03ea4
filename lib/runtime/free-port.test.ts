import fs from "node:fs";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { findFreePort, portsOutsideEphemeralRange } from "./free-port";

describe("portsOutsideEphemeralRange", () => {
  it("looks above the ephemeral range, where neither outgoing connections nor well-known services take ports", () => {
    expect(portsOutsideEphemeralRange("32768\t60999\n")).toEqual({ from: 61_000, to: 65_536 });
  });

  it("looks below it when it reaches the top", () => {
    expect(portsOutsideEphemeralRange("32768 65535")).toEqual({ from: 10_000, to: 32_768 });
  });

  it("gives up when the range is unknown, unreadable or leaves no room", () => {
    for (const text of [undefined, "", "garbage", "32768", "1024 65535", "10500 64999", "60999 32768", "-1 5", "1024 70000"]) {
      expect(portsOutsideEphemeralRange(text)).toBeNull();
    }
  });
});

describe("findFreePort", () => {
  it("returns a port outside the ephemeral range that a server can then listen on", async () => {
    const port = await findFreePort();
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
    await new Promise((resolve) => server.close(resolve));
    const range = fs.existsSync("/proc/sys/net/ipv4/ip_local_port_range")
      ? portsOutsideEphemeralRange(fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8"))
      : null;
    if (range) expect(port >= range.from && port < range.to).toBe(true);
  });

  it("never hands out the same port twice in one process, even before either is bound", async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => findFreePort()));
    expect(new Set(ports).size).toBe(20);
  });

  it("says why when the host cannot be listened on at all", async () => {
    await expect(findFreePort("192.0.2.1")).rejects.toMatchObject({ code: "EADDRNOTAVAIL" });
  });
});
