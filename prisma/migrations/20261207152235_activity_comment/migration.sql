-- AlterTable
ALTER TABLE "BandActivity" ADD COLUMN     "commentId" TEXT;
