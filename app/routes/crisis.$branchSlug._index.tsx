import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, SelectField, TextArea, TextField } from "~/components/field";
import { ProgressBar } from "~/components/progress-bar";
import { requirePerson } from "~/modules/auth/session.server";
import {
  addContact,
  addOwnItem,
  CONTACTS_SECTION,
  decideOffer,
  loadPlan,
  markReviewed,
  planHistory,
  planMembers,
  removeContact,
  requireCrisisAccess,
  updateItem,
} from "~/modules/crisis/crisis.server";
import { ITEM_STATUS_LABELS, ITEM_STATUSES } from "~/modules/crisis/progress";
import { auditLabel } from "~/modules/audit/actions";
import { personName } from "~/modules/people/person-schema";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { telHref } from "~/utils/urls";
import { stockholmDate, swedishDate, swedishDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Krisplan ${data?.plan.branch ?? ""} · Ledarlyftet` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const { plan: base } = await requireCrisisAccess(actor, params.branchSlug, "edit");
  const [plan, members, history] = await Promise.all([loadPlan(base.id), planMembers(base.branchId), planHistory(base.id)]);
  const sections = [...new Map(plan.items.map((i) => [i.sectionKey, { key: i.sectionKey, title: i.sectionTitle }])).values()];
  return {
    plan: {
      id: plan.id,
      slug: plan.branch.slug,
      branch: plan.branch.name,
      reviewedAt: plan.reviewedAt?.toISOString() ?? null,
      reviewer: plan.reviewerName,
      progress: plan.progress,
      contacts: plan.contacts.map((contact) => ({ id: contact.id, name: contact.name, role: contact.role, phone: contact.phone })),
      offers: plan.pendingOffers
        .filter((offer) => offer.item)
        .map((offer) => ({
          id: offer.id,
          version: offer.version,
          title: offer.item!.title,
          guidance: offer.item!.guidance,
          section: offer.item!.sectionTitle,
        })),
    },
    sections: sections.map((section) => ({
      ...section,
      items: plan.items
        .filter((i) => i.sectionKey === section.key)
        .map((i) => ({
          id: i.id,
          title: i.title,
          guidance: i.guidance,
          action: i.firstStep ? i.action : "",
          own: i.templateKey === null,
          status: i.status,
          reason: i.notApplicableReason ?? "",
          ownerId: i.ownerId ?? "",
          dueOn: i.dueOn ? stockholmDate(i.dueOn) : "",
          note: i.note,
          link: i.link ?? "",
        })),
    })),
    // The contact list sits in the template's own contacts section, under its one heading, when the plan has it.
    contactsIn: sections.some((section) => section.key === CONTACTS_SECTION) ? CONTACTS_SECTION : null,
    members,
    history: history.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
  };
}

const text = (max: number) => z.string().trim().max(max, `Högst ${max} tecken.`).default("");
const intents = z
  .discriminatedUnion("intent", [
    z.object({
      intent: z.literal("item"),
      itemId: z.string().min(1).max(40),
      status: z.enum(ITEM_STATUSES, { errorMap: () => ({ message: "Välj en status." }) }),
      notApplicableReason: text(500),
      ownerId: z.string().max(40).default(""),
      dueOn: z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ange datum som ÅÅÅÅ-MM-DD.")]).default(""),
      note: text(2000),
      link: z
        .union([
          z.literal(""),
          z
            .string()
            .trim()
            .max(2000, "Högst 2 000 tecken.")
            .url("Ange en hel adress, t.ex. https://…")
            .refine((link) => /^https?:\/\//.test(link), "Länken ska börja med http(s)://"),
        ])
        .default(""),
    }),
    z.object({
      intent: z.literal("own-item"),
      sectionKey: z.string().min(1, "Välj sektion."),
      title: z.string().trim().min(3, "Skriv en rubrik (minst 3 tecken).").max(200),
      guidance: text(2000),
    }),
    z.object({ intent: z.literal("reviewed") }),
    z.object({
      intent: z.literal("contact"),
      name: personName(),
      role: z.string().trim().min(1, "Ange en roll, t.ex. Ordförande.").max(120, "Rollen får vara högst 120 tecken."),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[\d\s-]{6,20}$/, "Ange ett telefonnummer, t.ex. 070-123 45 67."),
    }),
    z.object({ intent: z.literal("remove-contact"), contactId: z.string().min(1).max(40) }),
    z.object({ intent: z.literal("offer"), offerId: z.string().min(1).max(40), decision: z.enum(["accepted", "declined"]) }),
  ])
  .superRefine((input, ctx) => {
    if (input.intent === "item" && input.status === "not-applicable" && input.notApplicableReason === "") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["notApplicableReason"], message: "Skriv varför punkten inte är aktuell." });
    }
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePerson(request);
  const { plan } = await requireCrisisAccess(actor, params.branchSlug, "edit");
  const formData = await readForm(request);
  const form = parseForm(intents, formData);
  if (!form.ok) return formFailure(form, formData);
  const input = form.value;
  const back = (message: string, hash = "") => redirectWithMessage(request, `/crisis/${params.branchSlug}${hash}`, message);
  switch (input.intent) {
    case "item": {
      const result = await updateItem(actor, plan.id, input.itemId, input);
      if (!result.ok) return formFailure(result, formData);
      return back("Punkten är sparad.", `#item-${input.itemId}`);
    }
    case "own-item": {
      const result = await addOwnItem(actor, plan.id, input);
      if (!result.ok) return formFailure(result, formData);
      return back("Punkten är tillagd i planen.");
    }
    case "reviewed":
      await markReviewed(actor, plan.id);
      return back("Planen är markerad som granskad.");
    case "contact":
      await addContact(actor, plan.id, { name: input.name, role: input.role, phone: input.phone });
      return back("Kontakten är tillagd.", "#kontakter");
    case "remove-contact":
      await removeContact(actor, plan.id, input.contactId);
      return back("Kontakten är borttagen.", "#kontakter");
    case "offer":
      await decideOffer(actor, plan.id, input.offerId, input.decision);
      return back(input.decision === "accepted" ? "Den nya punkten är tillagd i planen." : "Förslaget är avböjt.");
  }
}

const statusOptions = ITEM_STATUSES.map((status) => ({ value: status, label: ITEM_STATUS_LABELS[status] ?? status }));

export default function CrisisPlan() {
  const { plan, sections, contactsIn, members, history } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFailure();
  // Many forms here share field names: what was typed, and its errors, belong to the form that was posted.
  const posted = valueOf(values, "intent");
  const postedItem = posted === "item" ? valueOf(values, "itemId") : null;
  const itemValue = (itemId: string, field: string, stored: string) => (postedItem === itemId ? valueOf(values, field) : stored);
  const itemErrors = (itemId: string, field: string) => (postedItem === itemId ? errors[field] : undefined);
  const typedFor = (intent: string, field: string) => (posted === intent ? valueOf(values, field) : "");
  const errorsFor = (intent: string, field: string) => (posted === intent ? errors[field] : undefined);
  const memberOptions = members.map((member) => ({ value: member.id, label: member.name }));
  const contactList = (
    <div id="kontakter" className="contacts">
      <h3 id="contacts-list-title">Telefonkedjan: ring i den här ordningen</h3>
      {plan.contacts.length === 0 ? (
        <p className="empty">Inga kontakter ännu.</p>
      ) : (
        <ol className="contact-list" aria-labelledby="contacts-list-title">
          {plan.contacts.map((contact) => (
            <li key={contact.id}>
              <div className="contact-row">
                <span>
                  {contact.name}, {contact.role}:
                </span>
                <a href={telHref(contact.phone)} className="tel">
                  <span className="phone">{contact.phone}</span>
                </a>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-contact" />
                  <input type="hidden" name="contactId" value={contact.id} />
                  <button type="submit" className="secondary" aria-label={`Ta bort ${contact.name}`}>
                    Ta bort
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
      )}
      <Form method="post" className="filters contact-form" noValidate>
        <input type="hidden" name="intent" value="contact" />
        {(["name", "role", "phone"] as const).map((field) => (
          <TextField
            key={field}
            id={`contact-${field}`}
            name={field}
            label={{ name: "Namn", role: "Roll", phone: "Telefon" }[field]}
            type={field === "phone" ? "tel" : "text"}
            defaultValue={typedFor("contact", field)}
            errors={errorsFor("contact", field)}
          />
        ))}
        <button type="submit" className="secondary">
          Lägg till kontakt
        </button>
      </Form>
    </div>
  );
  return (
    <>
      <p>
        <Link to="/crisis">← Alla planer</Link> · <Link to={`/crisis/${plan.slug}/now`}>I en kris nu</Link> ·{" "}
        <Link to={`/crisis/${plan.slug}/print`}>Utskrift</Link>
      </p>
      <h1>Krishanteringsplan för {plan.branch}</h1>
      <ProgressBar percent={plan.progress.percent} label="Klart eller ej aktuellt" detail={`${plan.progress.settled} av ${plan.progress.total}`} />
      <div className={`alert ${plan.progress.reviewOverdue ? "alert-error" : "alert-ok"}`}>
        {plan.reviewedAt ? `Senast granskad ${swedishDate(plan.reviewedAt)} av ${plan.reviewer ?? "okänd"}.` : "Planen har aldrig granskats."}
        {plan.progress.reviewOverdue ? " Granskningen är försenad: planen ska granskas minst en gång per år." : ""}
        <Form method="post" style={{ marginTop: "0.5rem" }}>
          <input type="hidden" name="intent" value="reviewed" />
          <button type="submit" className="secondary">
            Markera som granskad i dag
          </button>
        </Form>
      </div>
      <FormError errors={errors._form} />
      {plan.offers.length > 0 ? (
        <section className="card" aria-labelledby="offers-title">
          <h2 id="offers-title">Nytt i distriktets mall</h2>
          {plan.offers.map((offer) => (
            // Named by the offer, so each "Lägg till i vår plan" and "Avböj" is read out with the item it decides.
            <div key={offer.id} role="group" aria-labelledby={`offer-${offer.id}-title`}>
              <p>
                <strong id={`offer-${offer.id}-title`}>{offer.title}</strong>{" "}
                <span className="muted">
                  ({offer.section}, version {offer.version})
                </span>
                <br />
                {offer.guidance}
              </p>
              <Form method="post" className="actions" style={{ marginTop: 0 }}>
                <input type="hidden" name="intent" value="offer" />
                <input type="hidden" name="offerId" value={offer.id} />
                <button type="submit" name="decision" value="accepted">
                  Lägg till i vår plan
                </button>
                <button type="submit" name="decision" value="declined" className="secondary">
                  Avböj
                </button>
              </Form>
            </div>
          ))}
        </section>
      ) : null}
      {contactsIn === null ? (
        <section aria-labelledby="contacts-title">
          <h2 id="contacts-title">Kontaktlista och telefonkedja</h2>
          {contactList}
        </section>
      ) : null}
      {sections.map((section) => (
        <section key={section.key} aria-labelledby={`section-${section.key}`}>
          <h2 id={`section-${section.key}`}>{section.title}</h2>
          {section.key === contactsIn ? contactList : null}
          {section.items.map((i) => (
            <Form method="post" key={i.id} id={`item-${i.id}`} className="item-form" noValidate>
              <input type="hidden" name="intent" value="item" />
              <input type="hidden" name="itemId" value={i.id} />
              {/* The group is named by the item's title, so its Status, Ansvarig and the rest are read out with the item they belong to. */}
              <div role="group" aria-labelledby={`item-${i.id}-title`}>
                <h3 style={{ margin: 0 }}>
                  <span id={`item-${i.id}-title`}>{i.title}</span> {i.own ? <span className="badge">Egen punkt</span> : null}{" "}
                  <span className="badge">{ITEM_STATUS_LABELS[i.status]}</span>
                </h3>
                {i.guidance ? <p className="muted">{i.guidance}</p> : null}
                {i.action ? (
                  <p className="hint">
                    <strong>I en kris nu, första steget:</strong> {i.action}
                  </p>
                ) : null}
                <div className="filters">
                  <SelectField
                    id={`status-${i.id}`}
                    name="status"
                    label="Status"
                    options={statusOptions}
                    defaultValue={itemValue(i.id, "status", i.status)}
                    errors={itemErrors(i.id, "status")}
                  />
                  <SelectField
                    id={`owner-${i.id}`}
                    name="ownerId"
                    label="Ansvarig"
                    placeholder="Ingen"
                    options={memberOptions}
                    defaultValue={itemValue(i.id, "ownerId", i.ownerId)}
                    errors={itemErrors(i.id, "ownerId")}
                  />
                  <TextField
                    id={`due-${i.id}`}
                    name="dueOn"
                    label="Klart senast"
                    type="date"
                    defaultValue={itemValue(i.id, "dueOn", i.dueOn)}
                    errors={itemErrors(i.id, "dueOn")}
                  />
                </div>
                {(
                  [
                    ["notApplicableReason", "Varför ej aktuell (om ej aktuell)", i.reason],
                    ["note", "Anteckning", i.note],
                    ["link", "Länk (valfri)", i.link],
                  ] as const
                ).map(([name, label, value]) => (
                  <TextField
                    key={name}
                    id={`${name}-${i.id}`}
                    name={name}
                    label={label}
                    defaultValue={itemValue(i.id, name, value)}
                    errors={itemErrors(i.id, name)}
                  />
                ))}
                <button type="submit" className="secondary" aria-label={`Spara ${i.title}`}>
                  Spara
                </button>
              </div>
            </Form>
          ))}
        </section>
      ))}
      <section aria-labelledby="own-title">
        <h2 id="own-title">Lägg till en egen punkt</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="own-item" />
          <SelectField
            id="own-section"
            name="sectionKey"
            label="Sektion"
            options={sections.map((section) => ({ value: section.key, label: section.title }))}
            defaultValue={typedFor("own-item", "sectionKey") || undefined}
            errors={errorsFor("own-item", "sectionKey")}
          />
          <TextField id="own-title-input" name="title" label="Rubrik" defaultValue={typedFor("own-item", "title")} errors={errorsFor("own-item", "title")} />
          <TextArea
            id="own-guidance"
            name="guidance"
            label="Beskrivning"
            rows={3}
            defaultValue={typedFor("own-item", "guidance")}
            errors={errorsFor("own-item", "guidance")}
          />
          <button type="submit" className="secondary">
            Lägg till
          </button>
        </Form>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">Historik</h2>
        {history.length === 0 ? (
          <p className="empty">Inga ändringar ännu.</p>
        ) : (
          <ul>
            {history.map((entry) => (
              <li key={entry.id}>
                {swedishDateTime(entry.at)}: {entry.actor}, {auditLabel(entry.action)}
                {entry.item ? ` "${entry.item}"` : ""}
                {entry.changes.length > 0 ? (
                  <details>
                    <summary>Före och efter</summary>
                    <table className="changes">
                      <thead>
                        <tr>
                          <th scope="col">Uppgift</th>
                          <th scope="col">Före</th>
                          <th scope="col">Efter</th>
                        </tr>
                      </thead>
                      <tbody>
                        {entry.changes.map((change) => (
                          <tr key={change.field}>
                            <th scope="row">{change.field}</th>
                            <td>{change.before}</td>
                            <td>{change.after}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
