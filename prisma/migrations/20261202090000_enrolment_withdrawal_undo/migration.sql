-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "Enrolment" ADD COLUMN "withdrawnFrom" TEXT;
