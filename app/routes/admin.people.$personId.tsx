import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PersonForm } from "~/components/person-form";
import { listAuditEventsFor, recordAccess } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/session.server";
import { listBranches } from "~/modules/branches/branches.server";
import { isKrisansvarig, setKrisansvarig } from "~/modules/crisis/crisis.server";
import { config } from "~/config.server";
import {
  dormantCutoff,
  dormantSince,
  requireExistingPerson,
  resendInvite,
  setBranchSupport,
  setPersonActive,
  supportedBranchIds,
  updatePerson,
} from "~/modules/people/people.server";
import { z } from "zod";
import { CheckboxGroup } from "~/components/field";
import { personFields } from "~/modules/people/person-schema";
import { supportsBranches } from "~/modules/people/roles";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { swedishDate, swedishDateTime } from "~/utils/time";
import { auditLabel } from "~/modules/audit/actions";
import { formatCount } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? "Person"} · Ledarlyftet` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "people:manage");
  const person = await requireExistingPerson(params.personId);
  const [, branches, history, supported] = await Promise.all([
    recordAccess(actor.id, "person.viewed", { type: "person", id: person.id }).then(() => undefined),
    listBranches(),
    listAuditEventsFor("person", person.id),
    supportedBranchIds(person.id),
  ]);
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      active: person.active,
      erasedAt: person.erasedAt?.toISOString() ?? null,
      dormantSince: dormantSince(person, dormantCutoff(config.INACTIVE_AFTER_DAYS))?.toISOString() ?? null,
      self: person.id === actor.id,
      hasPassword: person.hasPassword,
      lastLoginAt: person.lastLoginAt?.toISOString() ?? null,
      values: { name: person.name, email: person.email, branchId: person.branchId, position: person.position, roles: person.roles },
    },
    branches: branches.map((b) => ({ id: b.id, name: b.name })),
    supported: supportsBranches(person) ? supported : null,
    krisansvarig: await isKrisansvarig(person.id),
    history: history.map((entry) => ({ id: entry.id, action: auditLabel(entry.action), at: entry.createdAt.toISOString() })),
  };
}

const supportSchema = z.object({ branchIds: z.array(z.string().min(1).max(40)).max(500) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "people:manage");
  const person = await requireExistingPerson(params.personId);
  // The anonymised row keeps the statistics; giving it a name again would hand them to someone else.
  if (person.erasedAt) throw badRequest("Personens uppgifter är raderade och kan inte ändras.");
  const formData = await readForm(request);
  const back = (message: string) => redirectWithMessage(request, `/admin/people/${person.id}`, message);

  switch (formData.get("intent")) {
    case "save": {
      const form = parseForm(personFields, formData, ["roles"]);
      if (!form.ok) return formFailure(form, formData);
      const result = await updatePerson(actor.id, person.id, form.value);
      if (!result.ok) return formFailure(result, formData);
      return back("Ändringarna är sparade.");
    }
    case "support": {
      const form = parseForm(supportSchema, formData, ["branchIds"]);
      if (!form.ok || !supportsBranches(person)) throw badRequest("Välj arbetarekommuner för en utvecklingsledare.");
      await setBranchSupport(actor.id, person.id, form.value.branchIds);
      return back(`${person.name} stödjer nu ${formatCount(form.value.branchIds.length, "arbetarekommun", "arbetarekommuner")}.`);
    }
    case "krisansvarig": {
      const on = formData.get("on") === "true";
      await setKrisansvarig(actor.id, person.id, on);
      return back(on ? `${person.name} är krisansvarig i sin arbetarekommun.` : `${person.name} är inte längre krisansvarig.`);
    }
    case "deactivate": {
      const result = await setPersonActive(actor.id, person.id, false);
      if (!result.ok) return formFailure(result);
      return back(`${person.name} är inaktiverad och utloggad. Inget har raderats.`);
    }
    case "reactivate":
      await setPersonActive(actor.id, person.id, true);
      return back(`${person.name} är aktiv igen.`);
    case "resend-invite": {
      const sent = await resendInvite(actor.id, person.id);
      if (!sent.ok) return formFailure(sent, undefined, sent.retryAt ? 429 : 400);
      return back(`En ny inbjudan är skickad till ${person.email}.`);
    }
    default:
      throw badRequest("Okänd åtgärd.");
  }
}

export default function EditPerson() {
  const { person, branches, history, supported, krisansvarig } = useLoaderData<typeof loader>();
  const failure = useFormFailure();
  if (person.erasedAt) {
    return (
      <>
        <p>
          <Link to="/admin/people">← Alla personer</Link>
        </p>
        <h1>
          {person.name} <span className="badge inactive">raderad</span>
        </h1>
        <p>
          Personuppgifterna raderades {swedishDateTime(person.erasedAt)}. Kvar finns bara det statistiken behöver: arbetarekommun, befattning och vad personen
          genomförde.
        </p>
        <History history={history} />
      </>
    );
  }
  return (
    <>
      <p>
        <Link to="/admin/people">← Alla personer</Link>
      </p>
      <h1>
        {person.name} {!person.active ? <span className="badge inactive">inaktiverad</span> : null}
      </h1>
      <p className="muted">
        {person.hasPassword
          ? person.lastLoginAt
            ? `Senast inloggad ${new Date(person.lastLoginAt).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" })}`
            : "Har valt lösenord men inte loggat in."
          : "Har inte valt lösenord ännu (inbjudan väntar)."}
      </p>
      {person.dormantSince ? (
        <p className="alert">
          <span className="badge review">inaktiv sedan {swedishDate(person.dormantSince)}, granska</span> Kontot har inte använts på länge. Inaktivera det eller
          radera personuppgifterna om personen inte längre ska finnas i Ledarlyftet.
        </p>
      ) : null}
      <PersonForm
        branches={branches}
        values={failure.failed && failure.values.intent === "save" ? failure.values : person.values}
        errors={failure.errors}
        submitLabel="Spara ändringar"
        cancelTo="/admin/people"
      />
      {supported ? (
        <>
          <h2>Utvecklingsledare för</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="support" />
            <CheckboxGroup
              name="branchIds"
              label="Arbetarekommuner som personen stödjer"
              hint="Utvecklingsledaren följer deltagarna härifrån, granskar deras uppgifter och kan läsa reflektioner de delar."
              options={branches.map((b) => ({ value: b.id, label: b.name }))}
              checked={supported}
            />
            <button type="submit" className="secondary">
              Spara arbetarekommuner
            </button>
          </Form>
        </>
      ) : null}
      <h2>Krisansvarig</h2>
      <p>
        {krisansvarig
          ? "Personen är krisansvarig och redigerar arbetarekommunens krishanteringsplan."
          : "Krisansvariga (och ordföranden) redigerar arbetarekommunens krishanteringsplan."}
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="krisansvarig" />
        <input type="hidden" name="on" value={krisansvarig ? "false" : "true"} />
        <button type="submit" className="secondary">
          {krisansvarig ? "Ta bort som krisansvarig" : "Gör till krisansvarig"}
        </button>
      </Form>
      <h2>Konto</h2>
      <div className="actions">
        {!person.hasPassword && person.active ? (
          <Form method="post">
            <input type="hidden" name="intent" value="resend-invite" />
            <button type="submit" className="secondary">
              Skicka ny inbjudan
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value={person.active ? "deactivate" : "reactivate"} />
          <button type="submit" className="secondary">
            {person.active ? "Inaktivera" : "Aktivera igen"}
          </button>
        </Form>
      </div>
      {!person.self ? (
        <>
          <h2>Radera personuppgifter</h2>
          <p>
            När någon begär det, eller inte längre ska finnas i Ledarlyftet: namn, kontaktuppgifter och det personen har skrivit raderas. Du får se vad som
            händer och bekräfta innan något raderas.
          </p>
          <Link to={`/admin/people/${person.id}/erase`} className="button secondary">
            Radera personuppgifter…
          </Link>
        </>
      ) : null}
      <History history={history} />
    </>
  );
}

function History({ history }: { history: { id: string; action: string; at: string }[] }) {
  return (
    <>
      <h2>Historik</h2>
      {history.length === 0 ? (
        <p className="empty">Ingen historik ännu.</p>
      ) : (
        <ul>
          {history.map((entry) => (
            <li key={entry.id}>
              {swedishDateTime(entry.at)}: {entry.action}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
