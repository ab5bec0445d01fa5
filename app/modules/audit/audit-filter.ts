import { z } from "zod";

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const text = z.string().trim().max(100).optional().catch(undefined);

/** The audit log's filter, from the query string of the page and of its CSV. Anything odd is dropped, not an error. */
export const auditFilterSchema = z.object({
  actor: text,
  subject: text,
  action: z
    .string()
    .regex(/^[a-z0-9.:-]{1,60}$/)
    .optional()
    .catch(undefined),
  from: date,
  to: date,
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type AuditQuery = z.infer<typeof auditFilterSchema>;

export function parseAuditQuery(url: string): AuditQuery {
  const params = Object.fromEntries([...new URL(url).searchParams].filter(([, v]) => v !== ""));
  return auditFilterSchema.parse(params);
}

/** The same filter as a query string, without the page. */
export function auditQueryString(q: AuditQuery, page?: number): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "subject", "action", "from", "to"] as const) if (q[key]) params.set(key, q[key]!);
  if (page && page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}
