import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";

// Remix runs nested loaders in parallel, so each admin route asks for its own
// permission too; this one guards the layout itself.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:access");
  return null;
}

export default function AdminLayout() {
  return <Outlet />;
}
