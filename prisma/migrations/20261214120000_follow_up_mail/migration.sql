-- Follow-up e-mail (issue 19): each person's choice of nudges and weekly
-- digests, the nudge claim, and one row per facilitator and week for the
-- digest. Added columns rather than a table rebuild: Person is referenced by
-- almost every table.
ALTER TABLE "Person" ADD COLUMN "learnerNudges" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Person" ADD COLUMN "weeklyDigests" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Person" ADD COLUMN "lastNudgedAt" DATETIME;

-- CreateTable
CREATE TABLE "WeeklyDigest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "facilitatorId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "decidedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outboxMessageId" TEXT,
    CONSTRAINT "WeeklyDigest_facilitatorId_fkey" FOREIGN KEY ("facilitatorId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "WeeklyDigest_facilitatorId_week_key" ON "WeeklyDigest"("facilitatorId", "week");
