-- Whether a person who subscribes to the calendar feed also wants calendar parts in handledning e-mails.
-- AlterTable (a constant default: SQLite adds it in place)
ALTER TABLE "Person" ADD COLUMN "invitesWithFeed" BOOLEAN NOT NULL DEFAULT false;
