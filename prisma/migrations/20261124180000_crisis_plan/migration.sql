-- CreateTable
CREATE TABLE "BranchRole" (
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("personId", "role"),
    CONSTRAINT "BranchRole_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrisisTemplateVersion" (
    "version" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedBy" TEXT,
    "note" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "CrisisTemplateItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "sectionKey" TEXT NOT NULL,
    "sectionTitle" TEXT NOT NULL,
    "sectionOrder" INTEGER NOT NULL,
    "order" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "guidance" TEXT NOT NULL,
    "firstStep" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "CrisisTemplateItem_version_fkey" FOREIGN KEY ("version") REFERENCES "CrisisTemplateVersion" ("version") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrisisPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "branchId" TEXT NOT NULL,
    "templateVersion" INTEGER NOT NULL,
    "reviewedAt" DATETIME,
    "reviewedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CrisisPlan_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrisisPlanItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "templateKey" TEXT,
    "sectionKey" TEXT NOT NULL,
    "sectionTitle" TEXT NOT NULL,
    "sectionOrder" INTEGER NOT NULL,
    "order" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "guidance" TEXT NOT NULL DEFAULT '',
    "firstStep" BOOLEAN NOT NULL DEFAULT false,
    "ownerId" TEXT,
    "dueOn" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'not-started',
    "notApplicableReason" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CrisisPlanItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "CrisisPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CrisisPlanItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrisisContact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    CONSTRAINT "CrisisContact_planId_fkey" FOREIGN KEY ("planId") REFERENCES "CrisisPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrisisOffer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "templateKey" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "decision" TEXT NOT NULL DEFAULT 'pending',
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    CONSTRAINT "CrisisOffer_planId_fkey" FOREIGN KEY ("planId") REFERENCES "CrisisPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CrisisTemplateItem_version_key_key" ON "CrisisTemplateItem"("version", "key");

-- CreateIndex
CREATE UNIQUE INDEX "CrisisPlan_branchId_key" ON "CrisisPlan"("branchId");

-- CreateIndex
CREATE INDEX "CrisisPlanItem_planId_idx" ON "CrisisPlanItem"("planId");

-- CreateIndex
CREATE INDEX "CrisisContact_planId_idx" ON "CrisisContact"("planId");

-- CreateIndex
CREATE UNIQUE INDEX "CrisisOffer_planId_templateKey_key" ON "CrisisOffer"("planId", "templateKey");
