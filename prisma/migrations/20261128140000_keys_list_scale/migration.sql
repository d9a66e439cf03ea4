-- The Secret Keys list pages by keyset (lib/keys/list-keys.ts): one index
-- per sort order, with the id as the tie-break, over live keys only, so
-- every page of every sort reads about one page of index entries however
-- many keys an organization holds. These indexes are written by hand (Prisma
-- cannot express partial or expression indexes); schema.prisma says so.
--
-- The three indexes they replace served only queries on live keys, which the
-- new ones serve too, so they go: fewer indexes to update when Last Used moves.
DROP INDEX IF EXISTS "SecretKey_organizationId_createdAt_idx";
DROP INDEX IF EXISTS "SecretKey_organizationId_lastUsedAt_idx";
DROP INDEX IF EXISTS "SecretKey_organizationId_ownerId_idx";

CREATE INDEX "SecretKey_list_createdAt_idx" ON "SecretKey" ("organizationId", "createdAt", "id") WHERE "deletedAt" IS NULL;
-- Never-used keys sort as the oldest use: NULL read as -infinity keeps the
-- order a plain row comparison the index can walk both ways.
CREATE INDEX "SecretKey_list_lastUsedAt_idx" ON "SecretKey" ("organizationId", (COALESCE("lastUsedAt", '-infinity'::timestamp(3))), "id") WHERE "deletedAt" IS NULL;
-- Names compare lower-cased, bytewise: the same order on every server, and
-- the index the prefix search uses where pg_trgm is missing.
CREATE INDEX "SecretKey_list_name_idx" ON "SecretKey" ("organizationId", (lower("name") COLLATE "C"), "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "SecretKey_list_scopes_idx" ON "SecretKey" ("organizationId", "scopes", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "SecretKey_list_permission_idx" ON "SecretKey" ("organizationId", "permission", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "SecretKey_list_environment_idx" ON "SecretKey" ("organizationId", "environment", "id") WHERE "deletedAt" IS NULL;
-- Sorting by creator or owner walks the people in name order and each one's
-- keys by id; these also serve the owner filter and hand-overs.
CREATE INDEX "SecretKey_list_createdBy_idx" ON "SecretKey" ("organizationId", "createdById", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "SecretKey_list_owner_idx" ON "SecretKey" ("organizationId", "ownerId", "id") WHERE "deletedAt" IS NULL;
-- Grouped by owner: each owner's keys in the chosen order.
CREATE INDEX "SecretKey_list_owner_createdAt_idx" ON "SecretKey" ("organizationId", "ownerId", "createdAt", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "SecretKey_list_owner_lastUsedAt_idx" ON "SecretKey" ("organizationId", "ownerId", (COALESCE("lastUsedAt", '-infinity'::timestamp(3))), "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "SecretKey_list_owner_name_idx" ON "SecretKey" ("organizationId", "ownerId", (lower("name") COLLATE "C"), "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "SecretKey_list_owner_scopes_idx" ON "SecretKey" ("organizationId", "ownerId", "scopes", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "SecretKey_list_owner_permission_idx" ON "SecretKey" ("organizationId", "ownerId", "permission", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "SecretKey_list_owner_environment_idx" ON "SecretKey" ("organizationId", "ownerId", "environment", "id") WHERE "deletedAt" IS NULL;

-- Substring search by trigram where the server ships pg_trgm and lets this
-- role create it (a trusted extension since PostgreSQL 13: the database
-- owner may). Without it the migration still succeeds and the list falls
-- back to a prefix search on the name index (lib/keys/search-mode.ts checks
-- for this index at run time).
DO $$
DECLARE
  trgm_schema text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege OR feature_not_supported OR undefined_file THEN
      RAISE NOTICE 'pg_trgm could not be created (%); key search uses name prefixes', SQLERRM;
    END;
  END IF;
  SELECT n.nspname INTO trgm_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  IF trgm_schema IS NOT NULL THEN
    EXECUTE format(
      'CREATE INDEX "SecretKey_search_trgm_idx" ON "SecretKey" USING gin ("name" %1$I.gin_trgm_ops, "displayPrefix" %1$I.gin_trgm_ops) WHERE "deletedAt" IS NULL',
      trgm_schema
    );
  END IF;
END $$;
