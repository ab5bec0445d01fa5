-- Reminders before handledning: when each attendee's was queued, and whether a person wants them.
-- AlterTable
ALTER TABLE "Attendance" ADD COLUMN "remindedAt" DATETIME;

-- AlterTable (SQLite adds a NOT NULL column with a constant default in place; no table rebuild)
ALTER TABLE "Person" ADD COLUMN "sessionReminders" BOOLEAN NOT NULL DEFAULT true;
