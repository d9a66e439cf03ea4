import { Badge } from "@/components/ui/badge";
import { ENVIRONMENT_LABELS, PERMISSION_LABELS, SCOPE_LABELS, SCOPES, type Environment, type PermissionLevel, type Scope } from "@/lib/keys/key-model";
import { maskedKey } from "@/lib/keys/masked-key";
import { ownerText } from "@/lib/keys/key-owner-groups";

const ENVIRONMENT_TONES = { PRODUCTION: "red", STAGING: "amber", DEVELOPMENT: "green", CI_CD: "indigo" } as const;

export function EnvironmentBadge({ environment }: { environment: Environment }) {
  return <Badge tone={ENVIRONMENT_TONES[environment]}>{ENVIRONMENT_LABELS[environment]}</Badge>;
}

export function ScopeList({ scopes }: { scopes: Scope[] }) {
  if (scopes.length === SCOPES.length) return <Badge>All scopes</Badge>;
  return (
    <span className="flex flex-wrap gap-1">
      {scopes.map((scope) => (
        <Badge key={scope}>{SCOPE_LABELS[scope]}</Badge>
      ))}
    </span>
  );
}

export function PermissionText({ permission }: { permission: PermissionLevel }) {
  return <span>{PERMISSION_LABELS[permission]}</span>;
}

export function MaskedKey({ displayPrefix, lastFour }: { displayPrefix: string; lastFour: string }) {
  return (
    <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400" data-testid="masked-key">
      {maskedKey(displayPrefix, lastFour)}
    </code>
  );
}

// A key's owner: their name, or that they left or there is none (in words,
// not only in colour).
export function OwnerName({ ownerName, ownerActive, ownerId }: { ownerName: string | null; ownerActive: boolean; ownerId: string | null }) {
  const { name, former } = ownerText({ ownerName, ownerActive, ownerId });
  if (!former) return <span>{name}</span>;
  return <span className="text-amber-800 dark:text-amber-300">{ownerName ? `${name} (no longer a member)` : "No owner"}</span>;
}

export function requestSentNotice(approvers: number): string {
  return `Request sent to ${approvers} approver${approvers === 1 ? "" : "s"}. You will be told when it is decided; then reveal the key on the Key requests page.`;
}
