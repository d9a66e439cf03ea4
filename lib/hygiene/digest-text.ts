import { STALE_AFTER_DAYS } from "@/lib/keys/staleness";
import { EXPIRING_WITHIN_DAYS, type KeyFindings, type OwnerHygiene } from "./collect-hygiene";

export type Digest = { title: string; body: string };
type RequestsOf = { waitingForApproval: string[]; readyToReveal: string[]; toDecide: string[] };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const quoted = (names: string[]) => names.map((name) => `“${name}”`).join(", ");

function findingLine(label: string, findings: KeyFindings): string | null {
  if (findings.count === 0) return null;
  const more = findings.count > findings.names.length ? ` and ${findings.count - findings.names.length} more` : "";
  return `- ${label}: ${findings.count} (${quoted(findings.names)}${more})`;
}

function keyLines(h: Pick<OwnerHygiene, "stale" | "due" | "expiring">): string[] {
  return [
    findingLine(`Stale (unused for ${STALE_AFTER_DAYS} days, or never used): delete them if nothing needs them`, h.stale),
    findingLine("Due for rotation", h.due),
    findingLine(`Expiring within ${EXPIRING_WITHIN_DAYS} days`, h.expiring),
  ].filter((line): line is string => line !== null);
}

function requestLines(r: RequestsOf): string[] {
  return [
    r.toDecide.length ? `- Requests waiting for your decision: ${quoted(r.toDecide)}` : null,
    r.waitingForApproval.length ? `- Your requests awaiting approval: ${quoted(r.waitingForApproval)}` : null,
    r.readyToReveal.length ? `- Approved, waiting for you to reveal: ${quoted(r.readyToReveal)}` : null,
  ].filter((line): line is string => line !== null);
}

// One member's digest: their keys and requests, or nothing when all is well.
export function personalDigest(options: { organizationName: string; keys: OwnerHygiene | undefined; requests: RequestsOf }): Digest | null {
  const lines = [...(options.keys ? keyLines(options.keys) : []), ...requestLines(options.requests)];
  if (lines.length === 0) return null;
  return {
    title: `Key hygiene: ${plural(lines.length, "thing", "things")} to look at in ${options.organizationName}`,
    body: `Your keys and requests in ${options.organizationName}:\n${lines.join("\n")}`,
  };
}

// The organization-wide digest for the security contact and billing owner:
// totals, then each owner's share, then what has no active owner.
export function organizationDigest(options: {
  organizationName: string;
  byOwner: OwnerHygiene[];
  ownerNames: ReadonlyMap<string, string>;
  openRequests: number;
  liveKeys: number;
}): Digest {
  const total = (pick: (h: OwnerHygiene) => KeyFindings) => options.byOwner.reduce((sum, h) => sum + pick(h).count, 0);
  const orphaned = options.byOwner.filter((h) => !h.ownerActive);
  const lines = [
    `${plural(options.liveKeys, "live key")}: ${total((h) => h.stale)} stale, ${total((h) => h.due)} due for rotation, ${total((h) => h.expiring)} expiring within ${EXPIRING_WITHIN_DAYS} days; ${plural(options.openRequests, "open request")}.`,
    ...options.byOwner
      .filter((h) => h.ownerActive && h.ownerId)
      .flatMap((h) => {
        const lines = keyLines(h);
        return lines.length ? [``, `${options.ownerNames.get(h.ownerId!) ?? "A member"}:`, ...lines] : [];
      }),
    ...(orphaned.length ? ["", "Keys without an active owner (reassign them):", ...orphaned.flatMap(keyLines)] : []),
  ];
  return { title: `Key hygiene for ${options.organizationName}`, body: lines.join("\n") };
}
