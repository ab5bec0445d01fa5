-- The Kursredaktör role and Verktygen's shelf of manuals. The role is an
-- added column rather than a table rebuild: Person is referenced by almost
-- every table. A manual's bytes live in a table of their own, in parts, so
-- listing manuals never reads them.
ALTER TABLE "Person" ADD COLUMN "isCourseEditor" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Manual" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT '',
    "fileId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileKind" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "downloads" INTEGER NOT NULL DEFAULT 0,
    "uploadedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ManualFilePart" (
    "fileId" TEXT NOT NULL,
    "part" INTEGER NOT NULL,
    "manualId" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,

    PRIMARY KEY ("fileId", "part"),
    CONSTRAINT "ManualFilePart_manualId_fkey" FOREIGN KEY ("manualId") REFERENCES "Manual" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Manual_category_title_idx" ON "Manual"("category", "title");

-- CreateIndex
CREATE INDEX "ManualFilePart_manualId_idx" ON "ManualFilePart"("manualId");
