import net from "node:net";
import { describe, expect, it } from "vitest";
import { findFreePort, portsBelowEphemeralRange } from "./free-port";

describe("portsBelowEphemeralRange", () => {
  it("chooses below the ephemeral range, where no outgoing connection takes a port", () => {
    expect(portsBelowEphemeralRange("32768\t60999\n")).toEqual({ from: 10_000, to: 32_768 });
  });

  it("gives up when the range is unknown, unreadable or leaves no room below it", () => {
    for (const text of [undefined, "", "garbage", "32768", "1024 65535", "10500 60999", "-1 5"]) expect(portsBelowEphemeralRange(text)).toBeNull();
  });
});

describe("findFreePort", () => {
  it("returns a port a server can then listen on, on loopback", async () => {
    const port = await findFreePort();
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
    await new Promise((resolve) => server.close(resolve));
    expect(port).toBeGreaterThan(0);
  });
});
