-- CreateEnum
CREATE TYPE "NotificationMode" AS ENUM ('INSTANT', 'DAILY', 'OFF');

-- CreateEnum
CREATE TYPE "NotificationCategory" AS ENUM ('TAKES', 'REPLIES', 'MENTIONS');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ActivityType" ADD VALUE 'TAKE_UPLOADED';
ALTER TYPE "ActivityType" ADD VALUE 'BEST_TAKE_PICKED';
ALTER TYPE "ActivityType" ADD VALUE 'COMMENT_ADDED';
ALTER TYPE "ActivityType" ADD VALUE 'COMMENT_REPLIED';
ALTER TYPE "ActivityType" ADD VALUE 'SETLIST_CREATED';
ALTER TYPE "ActivityType" ADD VALUE 'SETLIST_CHANGED';

-- AlterTable
ALTER TABLE "BandActivity" ADD COLUMN     "setlistId" TEXT,
ADD COLUMN     "songId" TEXT,
ADD COLUMN     "subject" TEXT,
ADD COLUMN     "versionId" TEXT;

-- CreateTable
CREATE TABLE "NotificationSettings" (
    "userId" TEXT NOT NULL,
    "takes" "NotificationMode" NOT NULL DEFAULT 'DAILY',
    "replies" "NotificationMode" NOT NULL DEFAULT 'INSTANT',
    "mentions" "NotificationMode" NOT NULL DEFAULT 'INSTANT',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationSettings_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "bandId" TEXT NOT NULL,
    "category" "NotificationCategory" NOT NULL,
    "mode" "NotificationMode" NOT NULL,
    "subjectId" TEXT NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnsubscribeToken" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "category" "NotificationCategory",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "UnsubscribeToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "BandVisit" (
    "userId" TEXT NOT NULL,
    "bandId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,
    "previousSeenAt" TIMESTAMP(3),

    CONSTRAINT "BandVisit_pkey" PRIMARY KEY ("userId","bandId")
);

-- CreateIndex
CREATE INDEX "Notification_mode_sentAt_idx" ON "Notification"("mode", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_category_subjectId_key" ON "Notification"("userId", "category", "subjectId");

-- CreateIndex
CREATE INDEX "UnsubscribeToken_userId_idx" ON "UnsubscribeToken"("userId");

-- AddForeignKey
ALTER TABLE "NotificationSettings" ADD CONSTRAINT "NotificationSettings_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_bandId_fkey" FOREIGN KEY ("bandId") REFERENCES "Band"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnsubscribeToken" ADD CONSTRAINT "UnsubscribeToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BandVisit" ADD CONSTRAINT "BandVisit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BandVisit" ADD CONSTRAINT "BandVisit_bandId_fkey" FOREIGN KEY ("bandId") REFERENCES "Band"("id") ON DELETE CASCADE ON UPDATE CASCADE;
