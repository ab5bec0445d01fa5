// Rows from $queryRaw come back as each database stores them: SQLite's text
// dates, 0/1 flags and BigInt counts, PostgreSQL's own types. These read both.

export const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
export const asBoolean = (v: boolean | number | bigint) => v === true || Number(v) === 1;
export const asNumber = (v: number | bigint) => Number(v);
