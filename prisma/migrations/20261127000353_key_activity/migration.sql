-- CreateEnum
CREATE TYPE "KeyOutcome" AS ENUM ('ALLOWED', 'DENIED', 'REVOKED');

-- CreateTable
CREATE TABLE "KeyActivity" (
    "id" BIGSERIAL NOT NULL,
    "keyId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "userAgent" TEXT,
    "scope" "KeyScope",
    "action" TEXT,
    "outcome" "KeyOutcome" NOT NULL,
    "requestCount" INTEGER NOT NULL,

    CONSTRAINT "KeyActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KeyActivity_keyId_lastSeenAt_idx" ON "KeyActivity"("keyId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "KeyActivity_lastSeenAt_idx" ON "KeyActivity"("lastSeenAt");

-- AddForeignKey
ALTER TABLE "KeyActivity" ADD CONSTRAINT "KeyActivity_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "SecretKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every app instance caches key records for verification and LISTENs here:
-- a change that matters for verification is announced (with the key id only,
-- never a hash) on commit, whichever code path or tool made it. Last Used
-- updates do not fire it.
CREATE OR REPLACE FUNCTION secret_key_changed_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('secret_key_changed', OLD."id");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER secret_key_changed_on_update
AFTER UPDATE ON "SecretKey"
FOR EACH ROW
WHEN (
  OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt"
  OR OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt"
  OR OLD."name" IS DISTINCT FROM NEW."name"
  OR OLD."scopes" IS DISTINCT FROM NEW."scopes"
  OR OLD."permission" IS DISTINCT FROM NEW."permission"
  OR OLD."restrictedActions" IS DISTINCT FROM NEW."restrictedActions"
  OR OLD."hash" IS DISTINCT FROM NEW."hash"
  OR OLD."organizationId" IS DISTINCT FROM NEW."organizationId"
)
EXECUTE FUNCTION secret_key_changed_notify();

CREATE TRIGGER secret_key_changed_on_delete
AFTER DELETE ON "SecretKey"
FOR EACH ROW
EXECUTE FUNCTION secret_key_changed_notify();
