import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/modules/auth/session.server";
import { loadPlan, requireCrisisAccess } from "~/modules/crisis/crisis.server";
import { ITEM_STATUS_LABELS } from "~/modules/crisis/progress";
import { swedishDate } from "~/utils/time";
import { formatCount, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Krisplan, utskrift · Ledarlyftet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const { plan: base } = await requireCrisisAccess(actor, params.branchSlug, "edit");
  const plan = await loadPlan(base.id);
  const sections = [...new Set(plan.items.map((i) => i.sectionKey))].map((key) => {
    const items = plan.items.filter((i) => i.sectionKey === key);
    return {
      key,
      title: items[0]!.sectionTitle,
      items: items.map((i) => ({
        id: i.id,
        title: i.title,
        guidance: i.guidance,
        status: i.status,
        reason: i.notApplicableReason,
        owner: i.owner?.name ?? null,
        dueOn: i.dueOn?.toISOString() ?? null,
        note: i.note,
        link: i.link,
      })),
    };
  });
  return {
    branch: plan.branch.name,
    reviewedAt: plan.reviewedAt?.toISOString() ?? null,
    printedAt: new Date().toISOString(),
    progress: plan.progress,
    contacts: plan.contacts.map((contact) => ({ id: contact.id, name: contact.name, role: contact.role, phone: contact.phone })),
    sections,
  };
}

/** The whole plan for paper: contacts first, then one section per page. */
export default function PrintPlan() {
  const plan = useLoaderData<typeof loader>();
  return (
    <div className="plan-print">
      <h1>Krishanteringsplan: {plan.branch}</h1>
      <p>
        Utskriven {swedishDate(plan.printedAt)}. {plan.reviewedAt ? `Senast granskad ${swedishDate(plan.reviewedAt)}.` : "Inte granskad."}{" "}
        {formatNumber(plan.progress.settled)} av {formatCount(plan.progress.total, "punkt klar eller ej aktuell", "punkter klara eller ej aktuella")}.
      </p>
      <button type="button" onClick={() => window.print()} className="actions">
        Skriv ut
      </button>
      <section className="plan-section">
        <h2>Telefonkedja: ring i den här ordningen</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Ordning</th>
              <th scope="col">Namn</th>
              <th scope="col">Roll</th>
              <th scope="col">Telefon</th>
            </tr>
          </thead>
          <tbody>
            {plan.contacts.map((contact, i) => (
              <tr key={contact.id}>
                <td>{i + 1}</td>
                <td>{contact.name}</td>
                <td>{contact.role}</td>
                <td className="phone">{contact.phone}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {plan.sections.map((section) => (
        <section key={section.key} className="plan-section">
          <h2>{section.title}</h2>
          {section.items.map((i) => (
            <div key={i.id} style={{ marginBottom: "1rem" }}>
              <h3 style={{ marginBottom: "0.25rem" }}>
                {i.title} ({ITEM_STATUS_LABELS[i.status]})
              </h3>
              {i.guidance ? <p>{i.guidance}</p> : null}
              <p className="muted">
                Ansvarig: {i.owner ?? "ingen"}
                {i.dueOn ? `, klart senast ${swedishDate(i.dueOn)}` : ""}
                {i.reason ? `. Ej aktuell: ${i.reason}` : ""}
              </p>
              {i.note ? <p>Anteckning: {i.note}</p> : null}
              {i.link ? <p>Länk: {i.link}</p> : null}
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
