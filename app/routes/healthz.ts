import { healthReport } from "~/modules/housekeeping/health.server";

export async function loader() {
  const { healthy, body } = await healthReport();
  return Response.json(body, { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
