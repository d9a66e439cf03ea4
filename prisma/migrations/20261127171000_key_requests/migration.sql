-- Production approvals: an organization setting, the people named for
-- responsibilities, and the requests approvers decide.
ALTER TABLE "Organization" ADD COLUMN "requireProductionApproval" BOOLEAN NOT NULL DEFAULT false;

CREATE TYPE "Responsibility" AS ENUM ('PRODUCTION_APPROVER', 'BILLING_OWNER', 'SECURITY_CONTACT');
CREATE TYPE "KeyRequestKind" AS ENUM ('CREATE', 'ROTATE');
CREATE TYPE "KeyRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'DENIED', 'WITHDRAWN', 'ISSUED');

CREATE TABLE "NamedResponsibility" (
    "organizationId" TEXT NOT NULL,
    "responsibility" "Responsibility" NOT NULL,
    "membershipId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NamedResponsibility_pkey" PRIMARY KEY ("organizationId", "responsibility", "membershipId")
);
CREATE INDEX "NamedResponsibility_membershipId_idx" ON "NamedResponsibility"("membershipId");
ALTER TABLE "NamedResponsibility" ADD CONSTRAINT "NamedResponsibility_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "KeyRequest" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" "KeyRequestKind" NOT NULL,
    "keyId" TEXT,
    "name" TEXT NOT NULL,
    "liveName" TEXT,
    "environment" "KeyEnvironment" NOT NULL,
    "scopes" "KeyScope"[],
    "permission" "PermissionLevel" NOT NULL,
    "restrictedActions" JSONB,
    "expiresInDays" TEXT NOT NULL,
    "rateLimitPerMinute" INTEGER,
    "grace" TEXT,
    "reason" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "status" "KeyRequestStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "denialReason" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "issuedKeyId" TEXT,
    "issuedAt" TIMESTAMP(3),
    CONSTRAINT "KeyRequest_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "KeyRequest_issuedKeyId_key" ON "KeyRequest"("issuedKeyId");
CREATE UNIQUE INDEX "KeyRequest_organizationId_liveName_key" ON "KeyRequest"("organizationId", "liveName");
CREATE INDEX "KeyRequest_organizationId_status_requestedAt_idx" ON "KeyRequest"("organizationId", "status", "requestedAt");
ALTER TABLE "KeyRequest" ADD CONSTRAINT "KeyRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "KeyRequest" ADD CONSTRAINT "KeyRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "KeyRequest" ADD CONSTRAINT "KeyRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CREATE requests: who will own the key, its team and what uses it.
ALTER TABLE "KeyRequest" ADD COLUMN "ownerId" TEXT, ADD COLUMN "team" TEXT, ADD COLUMN "description" TEXT;
