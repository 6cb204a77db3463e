-- CreateEnum
CREATE TYPE "AnalysisState" AS ENUM ('PENDING', 'RUNNING', 'READY', 'ABSENT');

-- CreateTable
CREATE TABLE "TakeAnalysis" (
    "versionId" TEXT NOT NULL,
    "bandId" TEXT NOT NULL,
    "state" "AnalysisState" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "bpm" DOUBLE PRECISION,
    "keyLabel" TEXT,
    "keyConfidence" DOUBLE PRECISION,
    "data" JSONB,
    "analysedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TakeAnalysis_pkey" PRIMARY KEY ("versionId")
);

-- CreateIndex
CREATE INDEX "TakeAnalysis_bandId_idx" ON "TakeAnalysis"("bandId");

-- CreateIndex
CREATE INDEX "TakeAnalysis_state_idx" ON "TakeAnalysis"("state");

-- CreateIndex
CREATE UNIQUE INDEX "TakeAnalysis_versionId_bandId_key" ON "TakeAnalysis"("versionId", "bandId");

-- AddForeignKey
ALTER TABLE "TakeAnalysis" ADD CONSTRAINT "TakeAnalysis_versionId_bandId_fkey" FOREIGN KEY ("versionId", "bandId") REFERENCES "Version"("id", "bandId") ON DELETE CASCADE ON UPDATE CASCADE;
