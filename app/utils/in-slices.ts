/**
 * Prisma on SQLite refuses a query with about a thousand bound parameters
 * (P2029), so `{ in: ids }` over a whole district fails once it has ~1,000
 * people. Lists that grow with the organisation go through here in slices.
 */
export const IDS_PER_QUERY = 500;

export async function inSlices<T, R>(items: readonly T[], query: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += IDS_PER_QUERY) results.push(...(await query(items.slice(i, i + IDS_PER_QUERY))));
  return results;
}
