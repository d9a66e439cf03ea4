-- Failures were counted after the password check, so parallel attempts raced
-- past the limit. Attempts are now recorded before the check; the old rows
-- are only throttle state and are dropped rather than converted.
DROP TABLE "SignInFailure";

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "fromKnownAddress" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnownSignInAddress" (
    "userId" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "lastSignedInAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnownSignInAddress_pkey" PRIMARY KEY ("userId","ipAddress")
);

-- CreateIndex
CREATE INDEX "SignInAttempt_email_createdAt_idx" ON "SignInAttempt"("email", "createdAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_ipAddress_createdAt_idx" ON "SignInAttempt"("ipAddress", "createdAt");

-- AddForeignKey
ALTER TABLE "KnownSignInAddress" ADD CONSTRAINT "KnownSignInAddress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
