import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAccess } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/session.server";
import { dashboardReport } from "~/modules/goals/goals.server";
import { parseGoalsQuery } from "~/modules/goals/goals-query";
import { groupLabel } from "~/modules/goals/goals-links";
import { followUpPdf } from "~/modules/goals/report.server";
import { stockholmDate } from "~/utils/time";
import { fileDownload } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "goals:read");
  const query = parseGoalsQuery(request.url);
  await recordAccess(actor.id, "goals.report.exported", { type: "export" }, { format: "pdf", period: query.period, group: query.group || null });
  const pdf = await followUpPdf(
    (await dashboardReport(query.period, { positionGroup: query.group || undefined })).reports,
    query.period,
    stockholmDate(new Date()),
    groupLabel(query.group),
  );
  return fileDownload(pdf, { filename: `uppföljning-höstmötet-${query.period}.pdf`, contentType: "application/pdf" });
}
