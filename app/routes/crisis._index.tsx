import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/progress-bar";
import { requirePerson } from "~/modules/auth/session.server";
import { may } from "~/modules/auth/permissions";
import { plansOverview } from "~/modules/crisis/crisis.server";
import { swedishDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Krishanteringsplaner · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  return { plans: await plansOverview(actor), mayEditTemplate: may(actor, "crisis-template:edit") };
}

export default function CrisisOverview() {
  const { plans, mayEditTemplate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Krishanteringsplaner</h1>
      <p className="muted">Varje arbetarekommun har en levande plan för att ta hand om varandra när något händer. Planen granskas minst en gång per år.</p>
      {mayEditTemplate ? (
        <p>
          <Link to="/admin/crisis-template">Redigera distriktets mall</Link>
        </p>
      ) : null}
      {plans.length === 0 ? <p className="empty">Du har ingen plan att se.</p> : null}
      <div className="course-grid">
        {plans.map((plan) => (
          <article key={plan.slug} className="card course-card">
            <h2 style={{ marginTop: 0 }}>
              <Link to={plan.access === "edit" ? `/crisis/${plan.slug}` : `/crisis/${plan.slug}/now`}>{plan.name}</Link>
            </h2>
            {plan.access === "edit" ? (
              <>
                <ProgressBar percent={plan.progress.percent} label={`Klart i ${plan.name}`} detail={`${plan.progress.settled} av ${plan.progress.total}`} />
                <p>
                  {plan.progress.reviewOverdue ? (
                    <span className="badge inactive">Granskning försenad</span>
                  ) : (
                    <span className="badge">Granskad {swedishDate(plan.reviewedAt!)}</span>
                  )}
                </p>
              </>
            ) : null}
            <p>
              <Link to={`/crisis/${plan.slug}/now`}>I en kris nu</Link>
            </p>
          </article>
        ))}
      </div>
    </>
  );
}
