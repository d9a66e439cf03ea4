-- Identity: accounts waiting for their first password, set-password and
-- reset links, session handles, last-seen times and re-authentication.
ALTER TABLE "User" ALTER COLUMN "passwordHash" DROP NOT NULL;
ALTER TABLE "User" ADD COLUMN "passwordChangedAt" TIMESTAMP(3);

ALTER TABLE "AuthSession" ADD COLUMN "handle" TEXT NOT NULL DEFAULT (gen_random_uuid())::text;
ALTER TABLE "AuthSession" ADD COLUMN "lastSeenAt" TIMESTAMP(3);
ALTER TABLE "AuthSession" ADD COLUMN "reauthenticatedAt" TIMESTAMP(3);
CREATE UNIQUE INDEX "AuthSession_handle_key" ON "AuthSession"("handle");

CREATE TYPE "PasswordTokenPurpose" AS ENUM ('SET_PASSWORD', 'RESET_PASSWORD');

CREATE TABLE "PasswordToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "PasswordTokenPurpose" NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "organizationId" TEXT NOT NULL,
    CONSTRAINT "PasswordToken_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PasswordToken_userId_purpose_idx" ON "PasswordToken"("userId", "purpose");
ALTER TABLE "PasswordToken" ADD CONSTRAINT "PasswordToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "PasswordResetRequest" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PasswordResetRequest_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PasswordResetRequest_email_createdAt_idx" ON "PasswordResetRequest"("email", "createdAt");
CREATE INDEX "PasswordResetRequest_ipAddress_createdAt_idx" ON "PasswordResetRequest"("ipAddress", "createdAt");
