import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endAllSessions, endSession } from "~/modules/auth/session.server";
import { readForm } from "~/utils/read-form.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const cookie = form.get("intent") === "everywhere" ? await endAllSessions(request) : await endSession(request);
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}
