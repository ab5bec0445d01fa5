import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAccess } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/session.server";
import { goalsCsv } from "~/modules/goals/export.server";
import { dashboardReport } from "~/modules/goals/goals.server";
import { parseGoalsQuery } from "~/modules/goals/goals-query";
import { fileDownload } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "goals:read");
  const query = parseGoalsQuery(request.url);
  await recordAccess(actor.id, "goals.exported", { type: "export" }, { format: "csv", period: query.period, group: query.group || null });
  const csv = goalsCsv((await dashboardReport(query.period, { positionGroup: query.group || undefined })).reports, query.period);
  return fileDownload(csv, { filename: `ledarlyftet-mål-${query.period}.csv`, contentType: "text/csv; charset=utf-8" });
}
