-- CreateTable
CREATE TABLE "Goal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "order" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "formula" TEXT,
    "unit" TEXT NOT NULL,
    "baseline" REAL,
    "baselineSource" TEXT NOT NULL DEFAULT '',
    "target" REAL NOT NULL,
    "parameter" INTEGER,
    "order" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Indicator_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IndicatorEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "indicatorId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "source" TEXT NOT NULL,
    "measuredOn" DATETIME NOT NULL,
    "enteredById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IndicatorEntry_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IndicatorSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "indicatorId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "branchKey" TEXT NOT NULL,
    "branchName" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "numerator" REAL NOT NULL,
    "denominator" REAL,
    "value" REAL,
    "takenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IndicatorSnapshot_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Goal_key_key" ON "Goal"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_key_key" ON "Indicator"("key");

-- CreateIndex
CREATE INDEX "IndicatorEntry_indicatorId_period_idx" ON "IndicatorEntry"("indicatorId", "period");

-- CreateIndex
CREATE INDEX "IndicatorSnapshot_indicatorId_branchKey_idx" ON "IndicatorSnapshot"("indicatorId", "branchKey");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorSnapshot_indicatorId_period_branchKey_month_key" ON "IndicatorSnapshot"("indicatorId", "period", "branchKey", "month");
