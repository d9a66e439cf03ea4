import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldsOf } from "@/lib/testing/fuzz";
import { createKeyFields, descriptionLike, teamLike } from "@/lib/testing/input-arbitraries";
import { checkSchema, expectId, expectSingleLine, idLike, nameLike } from "@/lib/testing/fuzz-schema";
import {
  createKeyInput,
  deleteKeyInput,
  deleteKeysInput,
  EXPIRY_CHOICES,
  MAX_BULK_DELETE,
  MAX_DESCRIPTION_LENGTH,
  MAX_RATE_LIMIT_PER_MINUTE,
  MAX_TEAM_LENGTH,
  renameKeyInput,
  updateKeyDetailsInput,
} from "./key-input";
import { ENVIRONMENTS, PERMISSION_LEVELS, SCOPES } from "./key-model";
import { SCOPE_ACTIONS } from "./permission-table";
import { ROTATION_GRACE_PERIODS, rotateKeyInput } from "./key-rotation";

// An optional one-line text: none, or trimmed, one line, at most max characters.
function expectOptionalLine(text: unknown, max: number) {
  if (text === null || text === undefined) return;
  expectSingleLine(text, max);
}

describe("key inputs, fuzzed", () => {
  it("createKeyInput accepts only a named key of known environment, scopes, permission, actions, expiry and rate limit", () => {
    const fields = fc.tuple(createKeyFields(), fieldsOf({ ownerId: idLike, team: teamLike, description: descriptionLike })).map(([key, details]) => ({
      ...key,
      ...details,
    }));
    const accepted = checkSchema(createKeyInput, fields, (input) => {
      expectSingleLine(input.name, 100);
      expect(ENVIRONMENTS).toContain(input.environment);
      expect(PERMISSION_LEVELS).toContain(input.permission);
      expect(EXPIRY_CHOICES).toContain(input.expiresInDays);
      if (input.scopes) {
        expect(input.scopes.length).toBeGreaterThanOrEqual(1);
        expect(input.scopes.length).toBeLessThanOrEqual(3);
        for (const scope of input.scopes) expect(SCOPES).toContain(scope);
      }
      for (const [scope, actions] of Object.entries(input.restrictedActions ?? {})) {
        expect(SCOPES).toContain(scope);
        for (const action of actions ?? []) expect(SCOPE_ACTIONS[scope as (typeof SCOPES)[number]]).toContain(action);
      }
      if (input.permission === "RESTRICTED") {
        expect((input.scopes ?? SCOPES).some((scope) => (input.restrictedActions?.[scope]?.length ?? 0) > 0)).toBe(true);
      }
      const limit = input.rateLimitPerMinute;
      if (limit !== undefined && limit !== null) expect(Number.isInteger(limit) && limit >= 1 && limit <= MAX_RATE_LIMIT_PER_MINUTE).toBe(true);
      if (input.ownerId !== undefined) expectId(input.ownerId);
      expectOptionalLine(input.team, MAX_TEAM_LENGTH);
      expectOptionalLine(input.description, MAX_DESCRIPTION_LENGTH);
    });
    expect(accepted).toBeGreaterThan(5);
  });

  it("renameKeyInput accepts only a key id and a one-line name", () => {
    const accepted = checkSchema(renameKeyInput, fieldsOf({ keyId: idLike, name: nameLike }), (input) => {
      expectId(input.keyId);
      expectSingleLine(input.name, 100);
    });
    expect(accepted).toBeGreaterThan(10);
  });

  it("updateKeyDetailsInput accepts only a key id, an owner id and optional one-line team and description", () => {
    const accepted = checkSchema(updateKeyDetailsInput, fieldsOf({ keyId: idLike, ownerId: idLike, team: teamLike, description: descriptionLike }), (input) => {
      expectId(input.keyId);
      expectId(input.ownerId);
      expectOptionalLine(input.team, MAX_TEAM_LENGTH);
      expectOptionalLine(input.description, MAX_DESCRIPTION_LENGTH);
    });
    expect(accepted).toBeGreaterThan(10);
  });

  it("deleteKeyInput and rotateKeyInput accept only a key id (and a known grace period)", () => {
    expect(checkSchema(deleteKeyInput, fieldsOf({ keyId: idLike }), (input) => expectId(input.keyId))).toBeGreaterThan(10);
    const accepted = checkSchema(rotateKeyInput, fieldsOf({ keyId: idLike, grace: fc.constantFrom(...ROTATION_GRACE_PERIODS, "30d") }), (input) => {
      expectId(input.keyId);
      expect(ROTATION_GRACE_PERIODS).toContain(input.grace);
    });
    expect(accepted).toBeGreaterThan(10);
  });

  it("deleteKeysInput accepts only 1 to 100 distinct key ids", () => {
    const keyIds = fc.oneof(fc.array(idLike, { maxLength: 5 }), fc.array(idLike, { minLength: MAX_BULK_DELETE - 1, maxLength: MAX_BULK_DELETE + 1 }));
    const accepted = checkSchema(deleteKeysInput, fieldsOf({ keyIds }), (input) => {
      expect(input.keyIds.length).toBeGreaterThanOrEqual(1);
      expect(input.keyIds.length).toBeLessThanOrEqual(MAX_BULK_DELETE);
      expect(new Set(input.keyIds).size).toBe(input.keyIds.length);
      input.keyIds.forEach(expectId);
    });
    expect(accepted).toBeGreaterThan(10);
  });
});
