-- Erasure keeps an anonymised Person row (see app/modules/privacy/erasure.server.ts).
-- Plain ADD COLUMN instead of Prisma's table rebuild: same schema, no copy of Person.
ALTER TABLE "Person" ADD COLUMN "erasedAt" DATETIME;
ALTER TABLE "Person" ADD COLUMN "countsInGoals" BOOLEAN NOT NULL DEFAULT false;

-- The audit log filtered by who did it.
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");
