import pg from "pg";

export const KEY_CHANGED_CHANNEL = "secret_key_changed";

export type RevocationListener = { readonly connected: boolean; close(): Promise<void> };

// LISTENs for key changes announced by the database trigger. Notifications
// sent while the connection was down are lost, so every (re)connect flushes
// the whole cache (onReset). While it is down, cached records still expire
// within CONFIRM_TTL_MS, which bounds how long a revocation can go unseen.
// An abandoned client keeps a no-op error listener: a late socket error with
// no listener would crash the process.
async function retire(client: pg.Client | undefined): Promise<void> {
  if (!client) return;
  client.removeAllListeners();
  client.on("error", () => {});
  await client.end().catch(() => {});
}

export function startRevocationListener(options: {
  databaseUrl: string;
  onKeyChanged: (keyId: string) => void;
  onReset: () => void;
  log?: (message: string) => void;
}): RevocationListener {
  let client: pg.Client | undefined;
  let connected = false;
  let closed = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;

  const scheduleReconnect = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, 5_000);
  };

  const lost = (reason: string) => {
    if (connected) options.log?.(`Key change notifications lost (${reason}); reconnecting.`);
    connected = false;
    void retire(client);
    client = undefined;
    scheduleReconnect();
  };

  async function connect() {
    if (closed) return;
    const next = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true });
    client = next;
    next.on("notification", (message) => {
      if (message.channel === KEY_CHANGED_CHANNEL && message.payload) options.onKeyChanged(message.payload);
    });
    next.on("error", (error) => lost(error.message));
    next.on("end", () => !closed && lost("connection ended"));
    try {
      await next.connect();
      await next.query(`LISTEN ${KEY_CHANGED_CHANNEL}`);
      if (closed || client !== next) return;
      connected = true;
      retryMs = 250;
      options.onReset();
    } catch (error) {
      if (client === next) lost(error instanceof Error ? error.message : String(error));
    }
  }

  void connect();
  return {
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = undefined;
      await retire(current);
    },
  };
}
