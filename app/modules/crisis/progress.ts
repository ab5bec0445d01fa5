/** Plan progress as the goals follow it up: share of items done or not relevant, and whether the yearly review is overdue. */
export function planProgress(items: { status: string }[], reviewedAt: Date | null, now = new Date()) {
  const total = items.length;
  const settled = items.filter((i) => i.status === "done" || i.status === "not-applicable").length;
  const yearAgo = new Date(now);
  yearAgo.setFullYear(yearAgo.getFullYear() - 1);
  return {
    total,
    settled,
    percent: total === 0 ? 0 : Math.round((settled / total) * 100),
    reviewOverdue: reviewedAt === null || reviewedAt < yearAgo,
  };
}

export const ITEM_STATUS_LABELS: Record<string, string> = {
  "not-started": "Ej påbörjad",
  "in-progress": "Pågår",
  done: "Klar",
  "not-applicable": "Ej aktuell",
};
export const ITEM_STATUSES = ["not-started", "in-progress", "done", "not-applicable"] as const;
