-- Single sign-on (OIDC): each organization's SSO rules, and how each
-- session signed in.
ALTER TABLE "AuthSession" ADD COLUMN "signInMethod" TEXT NOT NULL DEFAULT 'password';

CREATE TABLE "SsoPolicy" (
    "organizationId" TEXT NOT NULL,
    "justInTime" BOOLEAN NOT NULL DEFAULT false,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "breakGlassMembershipId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SsoPolicy_pkey" PRIMARY KEY ("organizationId")
);
CREATE UNIQUE INDEX "SsoPolicy_breakGlassMembershipId_key" ON "SsoPolicy"("breakGlassMembershipId");
ALTER TABLE "SsoPolicy" ADD CONSTRAINT "SsoPolicy_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SsoPolicy" ADD CONSTRAINT "SsoPolicy_breakGlassMembershipId_fkey" FOREIGN KEY ("breakGlassMembershipId") REFERENCES "Membership"("id") ON DELETE SET NULL ON UPDATE CASCADE;
