-- First-run setup needs the one-time token printed by `npm start`.
CREATE TABLE "SetupToken" (
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SetupToken_pkey" PRIMARY KEY ("hash")
);
