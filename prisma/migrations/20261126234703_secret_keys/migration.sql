-- CreateEnum
CREATE TYPE "KeyEnvironment" AS ENUM ('PRODUCTION', 'STAGING', 'DEVELOPMENT', 'CI_CD');

-- CreateEnum
CREATE TYPE "KeyScope" AS ENUM ('DATASET', 'TRAINING', 'DEPLOYMENT');

-- CreateEnum
CREATE TYPE "PermissionLevel" AS ENUM ('FULL', 'READ_ONLY', 'LABELER_ONLY', 'RESTRICTED');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "granularScopes" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SecretKey" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "liveName" TEXT,
    "environment" "KeyEnvironment" NOT NULL,
    "scopes" "KeyScope"[],
    "permission" "PermissionLevel" NOT NULL,
    "restrictedActions" JSONB,
    "hash" TEXT NOT NULL,
    "displayPrefix" TEXT NOT NULL,
    "lastFour" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "deletedById" TEXT,

    CONSTRAINT "SecretKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "keyId" TEXT,
    "keyPrefix" TEXT,
    "details" JSONB,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SecretKey_hash_key" ON "SecretKey"("hash");

-- CreateIndex
CREATE INDEX "SecretKey_organizationId_createdAt_idx" ON "SecretKey"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "SecretKey_organizationId_lastUsedAt_idx" ON "SecretKey"("organizationId", "lastUsedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SecretKey_organizationId_liveName_key" ON "SecretKey"("organizationId", "liveName");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_createdAt_idx" ON "AuditEvent"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_keyId_createdAt_idx" ON "AuditEvent"("keyId", "createdAt");

-- AddForeignKey
ALTER TABLE "SecretKey" ADD CONSTRAINT "SecretKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecretKey" ADD CONSTRAINT "SecretKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
