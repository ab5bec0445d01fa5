import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAudit } from "~/modules/audit/audit.server";
import { auditCsv } from "~/modules/audit/audit-log.server";
import { parseAuditQuery } from "~/modules/audit/audit-filter";
import { requirePermission } from "~/modules/auth/session.server";
import { stockholmDate } from "~/utils/time";
import { fileDownload } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "audit:read");
  const { page: _page, ...filter } = parseAuditQuery(request.url);
  const csv = await auditCsv(filter);
  // Reading the log out of the app is itself logged.
  await recordAudit({ actorId: actor.id, action: "audit.exported", subjectType: "export", detail: { filter } });
  return fileDownload(csv, { filename: `ledarlyftet-granskningslogg-${stockholmDate(new Date())}.csv`, contentType: "text/csv; charset=utf-8" });
}
