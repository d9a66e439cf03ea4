import net from "node:net";

export type CutRule = {
  // Cut when the client sends bytes containing this text (e.g. "COMMIT").
  when: string;
  // "before": the server never sees them. "after-reply": the server gets them
  // and answers, but the answer never reaches the client (a lost commit
  // acknowledgement).
  at: "before" | "after-reply";
};

// A TCP proxy on loopback in front of a PostgreSQL server, for fault tests:
// it passes everything through until told to cut a connection at a given
// point of the conversation.
export async function startCuttableProxy(target: { host: string; port: number }) {
  let rule: CutRule | null = null;
  let cuts = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let awaitingReply = false;
    const cut = () => {
      cuts++;
      client.destroy();
      upstream.destroy();
    };
    client.on("data", (chunk: Buffer) => {
      const current = rule;
      if (current && chunk.includes(current.when)) {
        rule = null;
        if (current.at === "before") return cut();
        awaitingReply = true;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (awaitingReply) return cut();
      client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket.on("error", () => {});
      socket.on("close", () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    cutNext(next: CutRule) {
      rule = next;
    },
    get cuts() {
      return cuts;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// The same database URL, through the proxy.
export function throughProxy(databaseUrl: string, port: number): string {
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return url.toString();
}
