-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ActivityType" ADD VALUE 'SHARE_CREATED';
ALTER TYPE "ActivityType" ADD VALUE 'GUEST_COMMENTED';

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "guestName" TEXT,
ADD COLUMN     "shareLinkId" TEXT;

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" TEXT NOT NULL,
    "bandId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "versionId" TEXT,
    "songId" TEXT,
    "setlistId" TEXT,
    "subject" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "passwordHash" TEXT,
    "allowDownload" BOOLEAN NOT NULL DEFAULT false,
    "allowComments" BOOLEAN NOT NULL DEFAULT false,
    "views" INTEGER NOT NULL DEFAULT 0,
    "lastOpenedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ShareLink_bandId_createdAt_idx" ON "ShareLink"("bandId", "createdAt");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_shareLinkId_fkey" FOREIGN KEY ("shareLinkId") REFERENCES "ShareLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_bandId_fkey" FOREIGN KEY ("bandId") REFERENCES "Band"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_versionId_bandId_fkey" FOREIGN KEY ("versionId", "bandId") REFERENCES "Version"("id", "bandId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_songId_bandId_fkey" FOREIGN KEY ("songId", "bandId") REFERENCES "Song"("id", "bandId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_setlistId_bandId_fkey" FOREIGN KEY ("setlistId", "bandId") REFERENCES "Setlist"("id", "bandId") ON DELETE CASCADE ON UPDATE CASCADE;

-- A link shares exactly one thing: a take, a song or a setlist.
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_one_target" CHECK (num_nonnulls("versionId", "songId", "setlistId") = 1);
