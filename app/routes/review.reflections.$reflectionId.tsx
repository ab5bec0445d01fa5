import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { recordAccess } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/session.server";
import { getSharedReflection } from "~/modules/progress/review.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Delad reflektion · Ledarlyftet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "review:access");
  const r = await getSharedReflection(actor, params.reflectionId ?? "");
  await recordAccess(actor.id, "reflection.viewed", { type: "person", id: r.person.id }, { reflectionId: r.id });
  return { learner: r.person.name, lesson: r.lesson.title, text: r.text, updatedAt: r.updatedAt.toISOString() };
}

export default function SharedReflection() {
  const r = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/review">← Att granska</Link>
      </p>
      <h1>
        {r.learner}: {r.lesson}
      </h1>
      <p className="muted">Delad med dig som utvecklingsledare · {swedishDateTime(r.updatedAt)}</p>
      <pre className="mail">{r.text}</pre>
    </>
  );
}
