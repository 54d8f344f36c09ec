-- AlterTable
ALTER TABLE "User" ADD COLUMN "visitorHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_visitorHash_key" ON "User"("visitorHash");

