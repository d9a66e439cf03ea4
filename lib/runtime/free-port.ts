import { randomInt } from "node:crypto";
import fs from "node:fs";
import net from "node:net";

const LOWEST_CHOSEN_PORT = 10_000;

// The ports to choose from: those below the system's ephemeral range, or
// none when that range is unknown or leaves no room. listen(0) hands out a
// port from the ephemeral range, which any outgoing connection (the app's
// own to its database, say) can take as its local end between the choice
// and the bind: a server started on it then fails with EADDRINUSE.
export function portsBelowEphemeralRange(ipLocalPortRange: string | undefined): { from: number; to: number } | null {
  const match = ipLocalPortRange?.trim().match(/^(\d+)\s+(\d+)$/);
  if (!match) return null;
  const ephemeralFrom = Number(match[1]);
  return ephemeralFrom - LOWEST_CHOSEN_PORT >= 1_000 ? { from: LOWEST_CHOSEN_PORT, to: ephemeralFrom } : null;
}

function listenOnce(port: number, host: string): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(null));
    server.listen(port, host, () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

function ephemeralRange(): string | undefined {
  try {
    return fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8");
  } catch {
    return undefined;
  }
}

// A port nobody listens on, for a server about to start on it.
export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  const ports = portsBelowEphemeralRange(ephemeralRange());
  for (let attempt = 0; ports && attempt < 50; attempt++) {
    const port = await listenOnce(randomInt(ports.from, ports.to), host);
    if (port !== null) return port;
  }
  const port = await listenOnce(0, host);
  if (port === null) throw new Error(`No free port on ${host}.`);
  return port;
}
