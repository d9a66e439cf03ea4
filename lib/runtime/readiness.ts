export type NotReadyReason = "database" | "migrations" | "notifications" | "stopping";
export type Readiness = { ready: true } | { ready: false; reason: NotReadyReason };
export type DatabaseState = "ok" | "unreachable" | "migrations pending";

export type ReadinessOptions = {
  // One round trip: reachable, and every migration this build ships applied.
  checkDatabase: () => Promise<DatabaseState>;
  // The revocation LISTEN connection is up (without it revoked keys are honoured for up to 5 s).
  listening: () => boolean;
  stopping: () => boolean;
  // How long a database answer is reused; also the bound on a hung check.
  ttlMs?: number;
  now?: () => number;
};

// Readiness as a load balancer asks for it, every second or so per
// balancer. Anyone who can reach /readyz can ask too, so the database is
// asked at most once per ttlMs per process, whatever the request rate (one
// check in flight, its answer shared), and a check that hangs counts as
// "unreachable" after ttlMs instead of piling up.
export function createReadiness(options: ReadinessOptions): () => Promise<Readiness> {
  const ttlMs = options.ttlMs ?? 2_000;
  const now = options.now ?? Date.now;
  let last: { state: DatabaseState; at: number } | undefined;
  let inFlight: Promise<DatabaseState> | undefined;

  const database = (): Promise<DatabaseState> => {
    if (last && now() - last.at < ttlMs) return Promise.resolve(last.state);
    inFlight ??= new Promise<DatabaseState>((resolve) => {
      const timer = setTimeout(() => resolve("unreachable"), ttlMs);
      timer.unref?.();
      options.checkDatabase().then(
        (state) => {
          clearTimeout(timer);
          resolve(state);
        },
        () => {
          clearTimeout(timer);
          resolve("unreachable");
        },
      );
    }).then((state) => {
      last = { state, at: now() };
      inFlight = undefined;
      return state;
    });
    return inFlight;
  };

  return async () => {
    if (options.stopping()) return { ready: false, reason: "stopping" };
    const state = await database();
    if (state === "unreachable") return { ready: false, reason: "database" };
    if (state === "migrations pending") return { ready: false, reason: "migrations" };
    if (!options.listening()) return { ready: false, reason: "notifications" };
    return { ready: true };
  };
}
