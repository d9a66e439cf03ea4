-- AlterTable
ALTER TABLE "SecretKey" ADD COLUMN     "rotationRemindedAt" TIMESTAMP(3);
