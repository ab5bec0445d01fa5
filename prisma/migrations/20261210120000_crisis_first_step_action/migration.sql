-- A first step's "what to do now" for the "I en kris nu" view, on the template's items and copied into each plan's.
-- Plain ADD COLUMN instead of Prisma's table rebuild: same schema, no copy of the tables. The texts of the district's
-- own first steps are filled in from content/krisplan/mall.md at the next content sync (ensureTemplate).
ALTER TABLE "CrisisTemplateItem" ADD COLUMN "action" TEXT NOT NULL DEFAULT '';
ALTER TABLE "CrisisPlanItem" ADD COLUMN "action" TEXT NOT NULL DEFAULT '';
