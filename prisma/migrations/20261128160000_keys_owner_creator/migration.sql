-- Grouped by owner and sorted by creator (lib/keys/owner-creator-walk.ts):
-- the distinct (owner, creator) pairs among live keys are found one index
-- probe each, and each pair's keys are read by id. Keys without an owner or
-- a creator sit under '' so that one row comparison walks every pair.
CREATE INDEX "SecretKey_list_owner_creator_idx" ON "SecretKey" ("organizationId", (COALESCE("ownerId", '')), (COALESCE("createdById", '')), "id") WHERE "deletedAt" IS NULL;
