-- AlterTable
ALTER TABLE "Version" ADD COLUMN     "sha256" TEXT;

-- CreateIndex
CREATE INDEX "Version_bandId_sha256_idx" ON "Version"("bandId", "sha256");
