import { randomUUID } from "node:crypto";
import type { UsageBatch, UsageRecorder } from "./usage-recorder";
import type { UsageUnit } from "./write-usage";

const NETWORK_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED"]);
// Connection exception, insufficient resources, operator intervention
// (shutdown), transaction rollback (deadlock, serialization).
const TRANSIENT_SQLSTATE = /^(08|53|57|40)/;
const TRANSIENT_MESSAGE = /connection|terminated|timeout|socket|not queryable/i;

// Would the same write succeed later? Anything else is about the data, and
// retrying the same rows forever would stop all usage recording.
export function isTransientDatabaseError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string" && NETWORK_ERRNOS.has(code)) return true;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_SQLSTATE.test(code);
  return typeof message === "string" && TRANSIENT_MESSAGE.test(message);
}

const size = (unit: UsageUnit) => unit.lastUsed.length + unit.activity.length;

export function toUnit(batch: UsageBatch): UsageUnit {
  return { id: randomUUID(), lastUsed: [...batch.lastUsed], activity: batch.activity };
}

function halves(unit: UsageUnit): [UsageUnit, UsageUnit] {
  const total = size(unit);
  const cut = Math.floor(total / 2);
  const lastUsedCut = Math.min(cut, unit.lastUsed.length);
  const activityCut = cut - lastUsedCut;
  return [
    { id: randomUUID(), lastUsed: unit.lastUsed.slice(0, lastUsedCut), activity: unit.activity.slice(0, activityCut) },
    { id: randomUUID(), lastUsed: unit.lastUsed.slice(lastUsedCut), activity: unit.activity.slice(activityCut) },
  ];
}

function describe(unit: UsageUnit): string {
  const [lastUsed] = unit.lastUsed;
  const [row] = unit.activity;
  return lastUsed ? `Last Used of key ${lastUsed[0]}` : `activity of key ${row?.keyId}`;
}

// Hands the recorder's usage to the writer. A batch that fails for a
// passing reason (database down, connection lost) is kept as it is, same id,
// and written first next time, so nothing is lost and nothing is written
// twice. A batch the database refuses is split until the refused row is
// alone; that row is dropped and logged, the rest written.
export class UsageFlusher {
  private queue: UsageUnit[] = [];
  private running: Promise<void> = Promise.resolve();
  droppedRows = 0;

  constructor(
    private readonly recorder: UsageRecorder,
    private readonly write: (unit: UsageUnit) => Promise<unknown>,
    private readonly log: (message: string) => void,
  ) {}

  get pending(): number {
    return this.queue.reduce((sum, unit) => sum + size(unit), 0) + this.recorder.pending;
  }

  // Flushes run one after another, never overlapping.
  flush(): Promise<void> {
    this.running = this.running
      .then(() => this.drain())
      .catch((error: unknown) => this.log(`Usage flush failed: ${error instanceof Error ? error.message : String(error)}`));
    return this.running;
  }

  private async drain(): Promise<void> {
    // New traffic is taken only once earlier batches are written: during an
    // outage it keeps coalescing in the recorder (bounded) instead of
    // piling up batches here.
    let taken = false;
    for (;;) {
      if (this.queue.length === 0) {
        if (taken || this.recorder.pending === 0) return;
        this.queue.push(toUnit(this.recorder.take()));
        taken = true;
      }
      const unit = this.queue[0];
      try {
        await this.write(unit);
        this.queue.shift();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (isTransientDatabaseError(error)) {
          this.log(`Could not record key usage, will retry: ${reason}`);
          return;
        }
        if (size(unit) <= 1) {
          this.queue.shift();
          this.droppedRows++;
          this.log(`Dropped ${describe(unit)}: the database refused it (${reason}).`);
        } else {
          this.queue.splice(0, 1, ...halves(unit));
        }
      }
    }
  }
}
