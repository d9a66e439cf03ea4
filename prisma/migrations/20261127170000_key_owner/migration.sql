-- Every key has an owner (a member answerable for it), an optional team or
-- service label and an optional description of what uses it.
ALTER TABLE "SecretKey" ADD COLUMN "ownerId" TEXT,
ADD COLUMN "team" TEXT,
ADD COLUMN "description" TEXT;

-- Keys created before owners existed belong to their creator, deleted keys
-- too (for history). A creator who has since left the organization stays
-- the owner on record: such keys are listed as without an active owner.
UPDATE "SecretKey" SET "ownerId" = "createdById";

ALTER TABLE "SecretKey" ADD CONSTRAINT "SecretKey_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The keys table filters and groups one organization's keys by owner.
CREATE INDEX "SecretKey_organizationId_ownerId_idx" ON "SecretKey"("organizationId", "ownerId");

-- No live key stays with someone who is no longer a member, whatever path
-- deletes the membership: the app's removal hands the keys to another member
-- first (so this finds none); any other deletion (an account deleted, a
-- manual DELETE) leaves them ownerless, listed as without an active owner.
CREATE OR REPLACE FUNCTION membership_deleted_release_keys() RETURNS trigger AS $$
BEGIN
  UPDATE "SecretKey" SET "ownerId" = NULL
  WHERE "organizationId" = OLD."organizationId" AND "ownerId" = OLD."userId" AND "deletedAt" IS NULL;
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER membership_deleted_release_keys AFTER DELETE ON "Membership"
FOR EACH ROW EXECUTE FUNCTION membership_deleted_release_keys();
