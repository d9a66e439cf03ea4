-- AlterTable
ALTER TABLE "SecretKey" ADD COLUMN     "rotatedAt" TIMESTAMP(3),
ADD COLUMN     "rotatedToId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "SecretKey_rotatedToId_key" ON "SecretKey"("rotatedToId");
