-- A take belongs to its song's band, a comment to its take's band, and a song's
-- best take is one of its own takes: composite foreign keys instead of app code.
-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_versionId_fkey";

-- DropForeignKey
ALTER TABLE "Song" DROP CONSTRAINT "Song_bestVersionId_fkey";

-- DropForeignKey
ALTER TABLE "Version" DROP CONSTRAINT "Version_songId_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "Song_id_bandId_key" ON "Song"("id", "bandId");

-- CreateIndex
CREATE UNIQUE INDEX "Song_bestVersionId_id_key" ON "Song"("bestVersionId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Version_id_bandId_key" ON "Version"("id", "bandId");

-- CreateIndex
CREATE UNIQUE INDEX "Version_id_songId_key" ON "Version"("id", "songId");

-- AddForeignKey
-- Hand-edited: generated as plain ON DELETE SET NULL, which on this composite key
-- would also null "Song"."id". The column list (PostgreSQL 15+) clears only the
-- best-take pointer when that take is deleted.
ALTER TABLE "Song" ADD CONSTRAINT "Song_bestVersionId_id_fkey" FOREIGN KEY ("bestVersionId", "id") REFERENCES "Version"("id", "songId") ON DELETE SET NULL ("bestVersionId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Version" ADD CONSTRAINT "Version_songId_bandId_fkey" FOREIGN KEY ("songId", "bandId") REFERENCES "Song"("id", "bandId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_versionId_bandId_fkey" FOREIGN KEY ("versionId", "bandId") REFERENCES "Version"("id", "bandId") ON DELETE CASCADE ON UPDATE CASCADE;
