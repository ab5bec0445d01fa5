import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAccess } from "~/modules/audit/audit.server";
import { requirePerson } from "~/modules/auth/session.server";
import { requireManagedCohort } from "~/modules/enrolment/enrolment.server";
import { cohortProgressCsv } from "~/modules/progress/learner-export.server";
import { fileDownload } from "~/utils/http.server";
import { stockholmDate } from "~/utils/time";

/** The cohort's participants and their progress, for the people who see them on the cohort page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const cohort = await requireManagedCohort(actor, params.cohortId);
  const { csv, people } = await cohortProgressCsv(cohort);
  await recordAccess(actor.id, "cohort.progress-exported", { type: "cohort", id: cohort.id }, { format: "csv", people });
  return fileDownload(csv, { filename: `ledarlyftet-framsteg-${cohort.name}-${stockholmDate(new Date())}.csv`, contentType: "text/csv; charset=utf-8" });
}
