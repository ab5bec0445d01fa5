import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAccess } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/session.server";
import { findBranch } from "~/modules/branches/branches.server";
import { branchProgressCsv } from "~/modules/progress/learner-export.server";
import { fileDownload, notFound } from "~/utils/http.server";
import { stockholmDate } from "~/utils/time";

/** A branch's people and their progress, for admins: the same permission as the branch page that links here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "branches:manage");
  const branch = await findBranch(params.branchId);
  if (!branch) throw notFound("Arbetarekommunen finns inte.");
  const { csv, people } = await branchProgressCsv(branch);
  await recordAccess(actor.id, "branch.progress-exported", { type: "branch", id: branch.id }, { format: "csv", people });
  return fileDownload(csv, { filename: `ledarlyftet-framsteg-${branch.name}-${stockholmDate(new Date())}.csv`, contentType: "text/csv; charset=utf-8" });
}
