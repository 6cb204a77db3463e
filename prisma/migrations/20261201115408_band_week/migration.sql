-- CreateEnum
CREATE TYPE "SongStatus" AS ENUM ('IDEA', 'LEARNING', 'READY', 'RETIRED');

-- AlterTable
ALTER TABLE "BandMember" ADD COLUMN     "part" TEXT;

-- AlterTable
ALTER TABLE "Song" ADD COLUMN     "key" TEXT,
ADD COLUMN     "lyrics" TEXT,
ADD COLUMN     "notes" TEXT,
ADD COLUMN     "status" "SongStatus" NOT NULL DEFAULT 'IDEA',
ADD COLUMN     "tempoBpm" INTEGER;

-- CreateTable
CREATE TABLE "Setlist" (
    "id" TEXT NOT NULL,
    "bandId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "performAt" TIMESTAMP(3),
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setlist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SetlistSong" (
    "id" TEXT NOT NULL,
    "bandId" TEXT NOT NULL,
    "setlistId" TEXT NOT NULL,
    "songId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "notes" TEXT,

    CONSTRAINT "SetlistSong_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SongReadiness" (
    "bandId" TEXT NOT NULL,
    "songId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "ready" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SongReadiness_pkey" PRIMARY KEY ("songId","userId")
);

-- CreateIndex
CREATE INDEX "Setlist_bandId_performAt_idx" ON "Setlist"("bandId", "performAt");

-- CreateIndex
CREATE UNIQUE INDEX "Setlist_id_bandId_key" ON "Setlist"("id", "bandId");

-- CreateIndex
CREATE INDEX "SetlistSong_setlistId_position_idx" ON "SetlistSong"("setlistId", "position");

-- CreateIndex
CREATE INDEX "SetlistSong_songId_idx" ON "SetlistSong"("songId");

-- CreateIndex
CREATE UNIQUE INDEX "SetlistSong_setlistId_songId_key" ON "SetlistSong"("setlistId", "songId");

-- CreateIndex
CREATE INDEX "SongReadiness_bandId_idx" ON "SongReadiness"("bandId");

-- CreateIndex
CREATE INDEX "SongReadiness_userId_idx" ON "SongReadiness"("userId");

-- AddForeignKey
ALTER TABLE "Setlist" ADD CONSTRAINT "Setlist_bandId_fkey" FOREIGN KEY ("bandId") REFERENCES "Band"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SetlistSong" ADD CONSTRAINT "SetlistSong_setlistId_bandId_fkey" FOREIGN KEY ("setlistId", "bandId") REFERENCES "Setlist"("id", "bandId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SetlistSong" ADD CONSTRAINT "SetlistSong_songId_bandId_fkey" FOREIGN KEY ("songId", "bandId") REFERENCES "Song"("id", "bandId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SongReadiness" ADD CONSTRAINT "SongReadiness_songId_bandId_fkey" FOREIGN KEY ("songId", "bandId") REFERENCES "Song"("id", "bandId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SongReadiness" ADD CONSTRAINT "SongReadiness_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
