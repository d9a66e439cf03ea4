-- Rate-limited verifications are recorded as such.
ALTER TYPE "KeyOutcome" ADD VALUE 'RATE_LIMITED';

-- Optional per-key limit on verifications per minute.
ALTER TABLE "SecretKey" ADD COLUMN "rateLimitPerMinute" INTEGER;

-- The caller's own address when a service reported the end client's, and the
-- overflow row that stands for clients past the per-key cap.
ALTER TABLE "KeyActivity" ADD COLUMN "viaAddress" TEXT,
ADD COLUMN "overflow" BOOLEAN NOT NULL DEFAULT false;

-- Idempotent usage batches.
CREATE TABLE "UsageWrite" (
    "id" TEXT NOT NULL,
    "writtenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageWrite_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "UsageWrite_writtenAt_idx" ON "UsageWrite"("writtenAt");

-- A changed rate limit must reach every instance's cache at once.
DROP TRIGGER secret_key_changed_on_update ON "SecretKey";
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
  OR OLD."rateLimitPerMinute" IS DISTINCT FROM NEW."rateLimitPerMinute"
)
EXECUTE FUNCTION secret_key_changed_notify();
