import net from "node:net";
import path from "node:path";
import { PROJECT_ROOT } from "@/lib/config/paths";
import { startManaged, type Managed } from "./processes";

export type ServerStat = { name: string; status: string; requests: number };
export type Haproxy = Managed & { url: string; stats(): Promise<ServerStat[]> };

function ask(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const connection = net.connect(socket);
    let answer = "";
    connection.on("connect", () => connection.write(`${command}\n`));
    connection.on("data", (chunk) => (answer += chunk));
    connection.on("end", () => resolve(answer));
    connection.on("error", reject);
  });
}

// HAProxy with deploy/haproxy.cfg as shipped, in the foreground.
export async function startHaproxy(options: { port: number; apps: string[]; statsSocket: string }): Promise<Haproxy> {
  const [APP1, APP2, APP3] = options.apps;
  const managed = startManaged("haproxy", ["-db", "-f", path.join(PROJECT_ROOT, "deploy", "haproxy.cfg")], {
    env: { ...process.env, LISTEN: `127.0.0.1:${options.port}`, APP1, APP2, APP3, HAPROXY_STATS_SOCKET: options.statsSocket },
  });
  const stats = async () => {
    const csv = await ask(options.statsSocket, "show stat");
    const [header, ...rows] = csv.trim().split("\n");
    const columns = header.replace(/^# /, "").split(",");
    const at = (row: string[], column: string) => row[columns.indexOf(column)];
    return rows
      .map((line) => line.split(","))
      .filter((row) => at(row, "pxname") === "app" && at(row, "svname").startsWith("app"))
      .map((row) => ({ name: at(row, "svname"), status: at(row, "status"), requests: Number(at(row, "stot")) }));
  };
  return { ...managed, url: `http://127.0.0.1:${options.port}`, stats };
}

// Until every instance passes the balancer's /readyz check.
export async function waitAllUp(haproxy: Haproxy, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (haproxy.process.exitCode !== null) throw new Error(`HAProxy exited:\n${haproxy.output()}`);
    const stats = await haproxy.stats().catch(() => []);
    if (stats.length > 0 && stats.every((s) => s.status === "UP")) return;
    if (Date.now() - started > timeoutMs) throw new Error(`HAProxy does not see every instance UP: ${JSON.stringify(stats)}\n${haproxy.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
