-- The media pipeline: the processing state of each take and what processing made
-- (peaks, a rendition, loudness, true file facts), and per-song take numbers.
-- Existing takes start PENDING, so the worker processes them too.
-- CreateEnum
CREATE TYPE "ProcessingState" AS ENUM ('PENDING', 'PROCESSING', 'READY', 'FAILED');

-- AlterTable
ALTER TABLE "Song" ADD COLUMN     "takeCounter" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Version" ADD COLUMN     "bitDepth" INTEGER,
ADD COLUMN     "loudnessLufs" DOUBLE PRECISION,
ADD COLUMN     "number" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "offsetSeconds" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "peaksKey" TEXT,
ADD COLUMN     "processedAt" TIMESTAMP(3),
ADD COLUMN     "processing" "ProcessingState" NOT NULL DEFAULT 'PENDING',
ADD COLUMN     "processingAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "processingError" TEXT,
ADD COLUMN     "renditionContentType" TEXT,
ADD COLUMN     "renditionKey" TEXT,
ADD COLUMN     "renditionSizeBytes" BIGINT,
ADD COLUMN     "truePeakDb" DOUBLE PRECISION;

-- Hand-written: number the existing takes of each song by upload time, and
-- start the counter of each song after its last number.
UPDATE "Version" v SET "number" = n.rn
FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "songId" ORDER BY "createdAt", "id") AS rn FROM "Version") n
WHERE v."id" = n."id";

UPDATE "Song" s SET "takeCounter" = c.last
FROM (SELECT "songId", MAX("number") AS last FROM "Version" GROUP BY "songId") c
WHERE s."id" = c."songId";

-- Hand-written: every inserted take takes the next number of its song, in the
-- inserting transaction. The UPDATE locks the song row, so concurrent uploads to
-- one song queue here and never share a number; the counter never goes down, so
-- the number of a deleted take is never handed out again. Whoever inserts (the upload
-- route, resumable uploads, seeds), the number is right.
CREATE FUNCTION "Version_assign_number"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Song" SET "takeCounter" = "takeCounter" + 1 WHERE "id" = NEW."songId" RETURNING "takeCounter" INTO NEW."number";
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Version_assign_number" BEFORE INSERT ON "Version"
FOR EACH ROW EXECUTE FUNCTION "Version_assign_number"();

-- CreateIndex
CREATE INDEX "Version_processing_idx" ON "Version"("processing");

-- CreateIndex
CREATE UNIQUE INDEX "Version_songId_number_key" ON "Version"("songId", "number");
