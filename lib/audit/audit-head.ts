// An organization's audit head as the operator writes it down outside the
// database: `<organization id>:<sequence>:<first 16 hex of its seal>`.
export type AuditHead = { organizationId: string; sequence: number; seal: string };

const SEAL_SHOWN = 16;

export function formatAuditHead(head: AuditHead): string {
  return `${head.organizationId}:${head.sequence}:${head.seal.slice(0, SEAL_SHOWN)}`;
}

export function parseAuditHead(text: string): AuditHead | null {
  const match = /^([\w-]+):([1-9]\d{0,9}):([0-9a-f]{16,64})$/.exec(text.trim());
  return match ? { organizationId: match[1], sequence: Number(match[2]), seal: match[3] } : null;
}

// A kept head still holds when the (verified) log still has that event under
// the same seal. Events cut from the end and written again, or a log
// re-sealed from scratch, give that sequence another seal or none.
export function keptHeadHolds(kept: AuditHead, currentSeal: string | null): boolean {
  return currentSeal !== null && currentSeal.startsWith(kept.seal);
}
