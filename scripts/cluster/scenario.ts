import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { db, disconnectAll } from "@/lib/db/client";
import { enqueueEmails } from "@/lib/email/enqueue-emails";
import { createKey } from "@/lib/keys/create-key";
import { findFreePort } from "@/lib/runtime/free-port";
import { shippedMigrations } from "@/lib/runtime/database-check";
import { actorFor, createOrganization, TEST_PASSWORD } from "@/lib/testing/fixtures";
import { createDatabase, dropDatabases } from "@/lib/testing/test-database";
import { startMailCatcher } from "../e2e-mail-catcher";
import { signInThroughBalancer } from "./browser-flow";
import { startHaproxy, waitAllUp, type Haproxy } from "./haproxy";
import { startInstance, type Instance } from "./instance";
import { startPgbouncer } from "./pgbouncer";
import type { Managed } from "./processes";
import { allAnswer } from "./verify-client";

export type ScenarioResult = Record<string, string | number>;

const REVOCATION_DEADLINE_MS = 1_000;
const REMINDER_FIRST_RUN_MS = 30_000;
const WORKERS_PER_INSTANCE = 2;

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

// One pass of the cluster test: three instances (two server processes each)
// on a throwaway database of the PostgreSQL server, HAProxy in front, and,
// with `pooler`, PgBouncer in transaction mode between them and the database.
export async function runScenario(options: { adminUrl: string; pooler: boolean; log: (line: string) => void }): Promise<ScenarioResult> {
  const { log } = options;
  const result: ScenarioResult = {};
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-cluster-"));
  fs.chmodSync(work, 0o755);
  const database = await createDatabase(options.adminUrl);
  const running: Managed[] = [];
  const instances: Instance[] = [];
  const mail = await startMailCatcher(path.join(work, "mail"));
  let haproxy: Haproxy | undefined;
  try {
    let pooledUrl = database.url;
    if (options.pooler) {
      const port = await findFreePort();
      running.push(
        await startPgbouncer({
          port,
          upstreamPort: Number(new URL(database.url).port || 5432),
          user: new URL(database.url).username,
          dir: path.join(work, "pgbouncer"),
        }),
      );
      const url = new URL(database.url);
      url.port = String(port);
      pooledUrl = url.toString();
      log(`PgBouncer (transaction mode) on 127.0.0.1:${port}`);
    }
    // The test process reads and seeds through the database directly.
    process.env.DATABASE_URL = database.url;
    process.env.SMTP_URL = `smtp://127.0.0.1:${mail.port}`;
    process.env.SMTP_FROM = "Secret Keys <cluster@example.test>";

    const balancerPort = await findFreePort();
    const ports = [await findFreePort(), await findFreePort(), await findFreePort()];
    const env = {
      DATABASE_URL: pooledUrl,
      DIRECT_DATABASE_URL: database.url,
      // Each server process opens up to this + 7 connections; three instances of two stay well under max_connections.
      DATABASE_POOL_SIZE: "4",
      WEB_CONCURRENCY: String(WORKERS_PER_INSTANCE),
      NEXTAUTH_URL: `http://127.0.0.1:${balancerPort}`,
      NEXTAUTH_SECRET: "cluster-test-session-secret-0123456789",
      KEY_HASH_SECRET: process.env.KEY_HASH_SECRET!,
      AUDIT_HMAC_SECRET: process.env.AUDIT_HMAC_SECRET!,
      TWO_FACTOR_SECRET: "cluster-test-two-factor-secret-0123456789",
      TRUST_PROXY: "127.0.0.1",
      MAX_CONNECTIONS_PER_ADDRESS: "10000",
      INVALID_KEY_LIMIT_PER_MINUTE: "1000000",
      SMTP_URL: process.env.SMTP_URL,
      SMTP_FROM: process.env.SMTP_FROM,
    };
    // All three at once on an empty database: one applies the migrations, the others wait for its lock.
    const startedAt = Date.now();
    instances.push(...ports.map((port, index) => startInstance(`app${index + 1}`, port, env)));
    running.push(...instances);
    await Promise.all(instances.map((instance) => instance.waitFor(/Ready\./, 240_000)));
    const readyAt = Date.now();
    result["instances ready (s)"] = Math.round((readyAt - startedAt) / 100) / 10;
    const migrations = await db().$queryRaw<{ n: number; names: number }[]>`
      SELECT count(*)::int AS n, count(DISTINCT "migration_name")::int AS names FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`;
    check(
      migrations[0].n === shippedMigrations().length && migrations[0].names === migrations[0].n,
      `each migration applied once: ${JSON.stringify(migrations[0])}`,
    );
    log(`Three instances ready (${WORKERS_PER_INSTANCE} server processes each); ${migrations[0].n} migrations applied once.`);

    // Seeded at once: the first rotation-reminder run comes 30 s after each start.
    const { organization, members } = await createOrganization(["OWNER", "OWNER"]);
    const owner = actorFor(members[0], organization.id);
    const due = await createKey({ actor: owner, input: { name: "Due for rotation", environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" } });
    await db().secretKey.update({ where: { id: due.key.id }, data: { createdAt: new Date(Date.now() - 3 * 365 * 86_400_000) } });

    haproxy = await startHaproxy({ port: balancerPort, apps: instances.map((i) => `127.0.0.1:${i.port}`), statsSocket: path.join(work, "haproxy.sock") });
    running.push(haproxy);
    await waitAllUp(haproxy);
    log(`HAProxy on ${haproxy.url}: every instance passes /readyz.`);

    // Sign-in and server actions through the balancer, whichever instance answers.
    const before = await haproxy.stats();
    const panel = await signInThroughBalancer(haproxy.url, { email: members[0].email, password: TEST_PASSWORD });
    const secret = await panel.createKey("Cluster revocation");
    const after = await haproxy.stats();
    const served = after.map((s) => s.requests - before.find((b) => b.name === s.name)!.requests);
    check(
      served.every((n) => n > 0),
      `every instance should have answered part of sign-in and the create action: ${served.join(", ")}`,
    );
    result["panel requests per instance"] = served.join(" / ");
    log(`Signed in and created a key through the balancer; requests answered per instance: ${served.join(", ")}.`);

    // Deleted through one instance (the balancer picks), refused by every server process of every instance.
    const urls = instances.map((i) => i.url);
    const tries = WORKERS_PER_INSTANCE * 3;
    check(await allAnswer(urls, secret, 200, tries), "the new key should be accepted by every instance before the deletion");
    const keyRow = await db().secretKey.findFirstOrThrow({ where: { organizationId: organization.id, name: "Cluster revocation" } });
    const refusedEverywhere = (async () => {
      while (!(await allAnswer(urls, secret, 401, tries))) await sleep(5);
      return Date.now();
    })();
    await panel.deleteKey(keyRow.id);
    const allRefusedAt = await refusedEverywhere;
    const deletedAt = (await db().secretKey.findUniqueOrThrow({ where: { id: keyRow.id } })).deletedAt!;
    const revocationMs = Math.max(0, allRefusedAt - deletedAt.getTime());
    result["revocation, all instances (ms)"] = revocationMs;
    check(
      revocationMs < REVOCATION_DEADLINE_MS,
      `a deleted key was still accepted somewhere ${revocationMs} ms after its deletion (deadline ${REVOCATION_DEADLINE_MS} ms)`,
    );
    await panel.close();
    log(`Key deleted through the panel; refused by all ${instances.length * WORKERS_PER_INSTANCE} server processes ${revocationMs} ms after the deletion.`);

    // Emails queued once, sent once, whichever instance's delivery worker claims them.
    const subjects = Array.from({ length: 20 }, (_, n) => `Cluster email ${n}`);
    await db().$transaction(async (tx) => {
      for (const subject of subjects) await enqueueEmails(tx, { organizationId: organization.id, to: ["ops@example.test"], subject, body: "once" });
    });
    const mailDir = path.join(work, "mail");
    const received = () =>
      fs
        .readdirSync(mailDir)
        .map((file) => /^Subject: (.*)$/m.exec(fs.readFileSync(path.join(mailDir, file), "utf8"))?.[1]?.trim() ?? "")
        .filter((subject) => subject.startsWith("Cluster email"));
    await until("every email delivered", 30_000, async () => (received().length >= subjects.length ? true : undefined));
    // Three more delivery rounds of every instance: nothing is sent again.
    await sleep(3_000);
    const counts = new Map<string, number>();
    for (const subject of received()) counts.set(subject, (counts.get(subject) ?? 0) + 1);
    check(subjects.every((subject) => counts.get(subject) === 1) && counts.size === subjects.length, `each email once: ${JSON.stringify([...counts])}`);
    result["emails sent once"] = `${subjects.length}/${subjects.length}`;
    log(`${subjects.length} emails delivered exactly once.`);

    // One instance killed (SIGKILL, its whole process group) under load through the balancer.
    const keys: string[] = [];
    for (let n = 0; n < 10; n++) {
      keys.push(
        (await createKey({ actor: owner, input: { name: `Load ${n}`, environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" } })).secret,
      );
    }
    const victim = instances[2];
    const load = autocannon({
      url: `${haproxy.url}/api/v1/keys/verify`,
      connections: 32,
      duration: 8,
      method: "POST",
      headers: { "content-type": "application/json" },
      requests: keys.map((key) => ({ method: "POST", body: JSON.stringify({ key, scope: "dataset", action: "read" }) })),
    });
    await sleep(3_000);
    process.kill(-victim.process.pid!, "SIGKILL");
    const loaded = await load;
    const lost = loaded.errors + loaded.timeouts + loaded.non2xx;
    result["requests during the kill"] = loaded.requests.total;
    result["requests lost"] = lost;
    check(lost === 0, `requests lost while ${victim.name} was killed: ${loaded.errors} errors, ${loaded.timeouts} timeouts, ${loaded.non2xx} not 2xx`);
    const stats = await haproxy.stats();
    check(stats.find((s) => s.name === victim.name)?.status.startsWith("DOWN") === true, `HAProxy should mark ${victim.name} down: ${JSON.stringify(stats)}`);
    check(await allAnswer([haproxy.url, instances[0].url, instances[1].url], keys[0], 200, 6), "the other instances keep serving");
    log(`${victim.name} killed mid-load: ${loaded.requests.total} requests, ${lost} lost; the others keep serving.`);

    // Rotation reminders: every instance has had its first run; one notification per member, once.
    await sleep(Math.max(0, readyAt + REMINDER_FIRST_RUN_MS + 5_000 - Date.now()));
    const reminders = await db().notification.count({ where: { organizationId: organization.id, link: { startsWith: "/settings/secret-keys?due=1" } } });
    check(reminders === members.length, `rotation reminders: ${reminders} notifications for ${members.length} members (one each expected)`);
    result["rotation reminders"] = `${reminders} for ${members.length} members`;
    log(`Rotation reminders went out once (${reminders} notifications, one per member).`);
    return result;
  } finally {
    for (const managed of running.reverse()) await managed.stop();
    await mail.close();
    await disconnectAll();
    await dropDatabases(options.adminUrl, [database.name]).catch(() => {});
    for (const instance of instances) fs.rmSync(instance.dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}
