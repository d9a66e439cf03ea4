-- The walks that read one person's keys at a time (sorted by creator or by
-- owner, grouped by owner and sorted by creator) choose each person's keys
-- on these indexes alone: besides their order they hold what the search and
-- the permission, environment, scope and owner filters test (the name and
-- key prefix lower-cased as the walks' search compares them, and as they
-- are, which the planner needs to see before it reads an index alone). A
-- person whose keys a filter never matches then costs an index scan instead
-- of a table read per key (lib/keys/list-keys-sql.ts, coveredRowsSql).
--
-- Built beside the indexes they replace, which go last: the builds hold off
-- writes to the keys but not reads, and the exclusive lock that dropping and
-- renaming take lasts only to the commit.
CREATE INDEX "SecretKey_list_createdBy_idx_next" ON "SecretKey"
  ("organizationId", "createdById", "id", (lower("name")), (lower("displayPrefix")))
  INCLUDE ("name", "displayPrefix", "permission", "environment", "scopes", "ownerId")
  WHERE "deletedAt" IS NULL;
CREATE INDEX "SecretKey_list_owner_idx_next" ON "SecretKey"
  ("organizationId", "ownerId", "id", (lower("name")), (lower("displayPrefix")))
  INCLUDE ("name", "displayPrefix", "permission", "environment", "scopes", "createdById")
  WHERE "deletedAt" IS NULL;
CREATE INDEX "SecretKey_list_owner_creator_idx_next" ON "SecretKey"
  ("organizationId", (COALESCE("ownerId", '')), (COALESCE("createdById", '')), "id", (lower("name")), (lower("displayPrefix")))
  INCLUDE ("name", "displayPrefix", "permission", "environment", "scopes", "ownerId", "createdById")
  WHERE "deletedAt" IS NULL;

DROP INDEX IF EXISTS "SecretKey_list_createdBy_idx";
DROP INDEX IF EXISTS "SecretKey_list_owner_idx";
DROP INDEX IF EXISTS "SecretKey_list_owner_creator_idx";
ALTER INDEX "SecretKey_list_createdBy_idx_next" RENAME TO "SecretKey_list_createdBy_idx";
ALTER INDEX "SecretKey_list_owner_idx_next" RENAME TO "SecretKey_list_owner_idx";
ALTER INDEX "SecretKey_list_owner_creator_idx_next" RENAME TO "SecretKey_list_owner_creator_idx";
