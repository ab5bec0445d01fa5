-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "replyToEmail" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "replyToName" TEXT;

-- AlterTable
ALTER TABLE "Attendance" ADD COLUMN "respondedVia" TEXT;

-- CreateTable
CREATE TABLE "CalendarReply" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageKey" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fromAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "method" TEXT NOT NULL DEFAULT '',
    "uid" TEXT,
    "attendeeEmail" TEXT,
    "partstat" TEXT,
    "sequence" INTEGER,
    "proposedStartsAt" DATETIME,
    "proposedEndsAt" DATETIME,
    "comment" TEXT NOT NULL DEFAULT '',
    "outcome" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "sessionId" TEXT,
    "personId" TEXT,
    "handledAt" DATETIME,
    "handledById" TEXT,
    CONSTRAINT "CalendarReply_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "HandledningSession" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CalendarReply_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReplyMailboxCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "checkedAt" DATETIME NOT NULL,
    "okAt" DATETIME,
    "failingSince" DATETIME,
    "error" TEXT,
    "readingUntil" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarReply_messageKey_key" ON "CalendarReply"("messageKey");

-- CreateIndex
CREATE INDEX "CalendarReply_outcome_handledAt_idx" ON "CalendarReply"("outcome", "handledAt");

-- CreateIndex
CREATE INDEX "CalendarReply_sessionId_idx" ON "CalendarReply"("sessionId");

-- CreateIndex
CREATE INDEX "CalendarReply_personId_idx" ON "CalendarReply"("personId");

