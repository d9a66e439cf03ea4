import { randomInt } from "node:crypto";
import fs from "node:fs";
import net from "node:net";

type PortRange = { from: number; to: number };

// Where to look for a free port, given Linux's ip_local_port_range ("32768
// 60999"): above the ephemeral range when there is room (no outgoing
// connection takes those, nor do well-known services), else below it; null
// when the range is unknown or leaves no room. listen(0) hands out a port
// from the ephemeral range, which any outgoing connection (the app's own to
// its database, say) can take as its local end between the choice and the
// bind: a server started on it then fails with EADDRINUSE.
export function portsOutsideEphemeralRange(ipLocalPortRange: string | undefined): PortRange | null {
  const match = ipLocalPortRange?.trim().match(/^(\d+)\s+(\d+)$/);
  if (!match) return null;
  const [first, last] = [Number(match[1]), Number(match[2])];
  if (first > last || last > 65_535) return null;
  if (65_535 - last >= 1_000) return { from: last + 1, to: 65_536 };
  if (first - 10_000 >= 1_000) return { from: 10_000, to: first };
  return null;
}

// Ports this process already handed out: two servers asked for ports before
// either binds must not get the same one.
const handedOut = new Set<number>();

function listenOnce(port: number, host: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => (error.code === "EADDRINUSE" ? resolve(null) : reject(error)));
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

// A port nobody listens on, for a server about to start on it. Elsewhere than
// Linux, whatever listen(0) gives.
export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  const range = portsOutsideEphemeralRange(ephemeralRange());
  for (let attempt = 0; range && attempt < 50; attempt++) {
    const candidate = randomInt(range.from, range.to);
    if (handedOut.has(candidate)) continue;
    handedOut.add(candidate);
    let bound: number | null = null;
    try {
      bound = await listenOnce(candidate, host);
    } finally {
      if (bound === null) handedOut.delete(candidate);
    }
    if (bound !== null) return bound;
  }
  const port = await listenOnce(0, host);
  if (port === null) throw new Error(`No free port on ${host}.`);
  handedOut.add(port);
  return port;
}
