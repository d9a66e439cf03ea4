-- Key-hygiene digests: the monthly one once per organization and period.
CREATE TABLE "HygieneDigest" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "period" TEXT,
    "requestedById" TEXT,
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "HygieneDigest_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "HygieneDigest_organizationId_period_key" ON "HygieneDigest"("organizationId", "period");
CREATE INDEX "HygieneDigest_organizationId_sentAt_idx" ON "HygieneDigest"("organizationId", "sentAt");
ALTER TABLE "HygieneDigest" ADD CONSTRAINT "HygieneDigest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
