import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { recordAccess } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/session.server";
import { getSharedReflection } from "~/modules/progress/review.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Delad reflektion · Ledarlyftet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "review:access");
  const reflection = await getSharedReflection(actor, params.reflectionId ?? "");
  await recordAccess(actor.id, "reflection.viewed", { type: "person", id: reflection.person.id }, { reflectionId: reflection.id });
  return { learner: reflection.person.name, lesson: reflection.lesson.title, text: reflection.text, updatedAt: reflection.updatedAt.toISOString() };
}

export default function SharedReflection() {
  const reflection = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/review">← Att granska</Link>
      </p>
      <h1>
        {reflection.learner}: {reflection.lesson}
      </h1>
      <p className="muted">Delad med dig som utvecklingsledare · {swedishDateTime(reflection.updatedAt)}</p>
      <div className="written">{reflection.text}</div>
    </>
  );
}
