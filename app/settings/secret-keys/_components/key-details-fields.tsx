"use client";

import { TextField } from "@/components/ui/text-field";
import type { FieldErrors } from "@/lib/errors";
import { MAX_DESCRIPTION_LENGTH, MAX_TEAM_LENGTH } from "@/lib/keys/key-input";
import { OwnerSelect, type MemberOption } from "./owner-select";

export type KeyDetails = { ownerId: string; team: string; description: string };

// Who answers for a key and what uses it: the same fields when a key is
// created and when its details are edited.
export function KeyDetailsFields({
  members,
  currentUserId,
  value,
  onChange,
  errors,
  withExamples = false,
}: {
  members: MemberOption[];
  currentUserId: string;
  value: KeyDetails;
  onChange: (change: Partial<KeyDetails>) => void;
  errors: FieldErrors;
  // Placeholders and a hint, for a key that does not exist yet.
  withExamples?: boolean;
}) {
  return (
    <>
      <div className={withExamples ? "grid gap-4 sm:grid-cols-2" : "flex flex-col gap-4"}>
        <OwnerSelect
          members={members}
          currentUserId={currentUserId}
          value={value.ownerId}
          onChange={(ownerId) => onChange({ ownerId })}
          errors={errors.ownerId}
          hint={withExamples ? "The member answerable for this key." : undefined}
        />
        <TextField
          label="Team or service (optional)"
          name="team"
          value={value.team}
          onChange={(event) => onChange({ team: event.target.value })}
          maxChars={MAX_TEAM_LENGTH}
          singleLine
          placeholder={withExamples ? "e.g. Data platform" : undefined}
          errors={errors.team}
        />
      </div>
      <TextField
        label="What uses this key (optional)"
        name="description"
        value={value.description}
        onChange={(event) => onChange({ description: event.target.value })}
        maxChars={MAX_DESCRIPTION_LENGTH}
        singleLine
        placeholder={withExamples ? "e.g. The nightly export job on the ETL cluster" : undefined}
        errors={errors.description}
      />
    </>
  );
}
