import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "@/lib/config/paths";
import { startManaged, type Managed } from "./processes";

// PgBouncer in transaction mode on loopback, in front of the PostgreSQL
// server at upstreamPort, with deploy/pgbouncer.ini as shipped (%include).
// It refuses to run as root: then it runs as the postgres user (-u).
export async function startPgbouncer(options: { port: number; upstreamPort: number; user: string; dir: string }): Promise<Managed> {
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(options.dir, 0o755);
  const users = path.join(options.dir, "userlist.txt");
  fs.writeFileSync(users, `"${options.user}" ""\n`, { mode: 0o644 });
  const config = path.join(options.dir, "pgbouncer.ini");
  fs.writeFileSync(
    config,
    [
      "[databases]",
      `* = host=127.0.0.1 port=${options.upstreamPort}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${options.port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${users}`,
      `%include ${path.join(PROJECT_ROOT, "deploy", "pgbouncer.ini")}`,
      "",
    ].join("\n"),
    { mode: 0o644 },
  );
  const asUser = process.getuid?.() === 0 ? ["-u", "postgres"] : [];
  const managed = startManaged("pgbouncer", [...asUser, config]);
  await managed.waitFor(/process up|listening on/, 10_000);
  return managed;
}
