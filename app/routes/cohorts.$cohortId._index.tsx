import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { FormError, TextField } from "~/components/field";
import { ProgressBar } from "~/components/progress-bar";
import { recordAccess } from "~/modules/audit/audit.server";
import { requirePerson } from "~/modules/auth/session.server";
import { cohortRoster } from "~/modules/enrolment/cohorts.server";
import { MODE_LABELS, parsePositions, reviewedBy, STATUS_LABELS, UNDO_WITHDRAWAL_MINUTES, type EnrolmentOffer } from "~/modules/enrolment/eligibility";
import {
  decide,
  enrolmentOfferFor,
  enrolSelf,
  isActiveEnrolment,
  loadCohort,
  mayManageCohort,
  ownEnrolment,
  requireEnrolmentInCohort,
  undoWithdrawal,
  waitlistLength,
  withdraw,
} from "~/modules/enrolment/enrolment.server";
import { positionLabel } from "~/modules/people/positions";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage, type FlashKind } from "~/utils/flash.server";
import { revalidateAfterRefusal, useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { swedishClock, swedishDate } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cohort.name ?? "Omgång"} · Ledarlyftet` }];

// A refused enrolment (the window closed, the seat went) shows the page as it now is.
export const shouldRevalidate = revalidateAfterRefusal;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, person } = await requirePerson(request);
  const cohort = await loadCohort(params.cohortId);
  const manages = mayManageCohort(actor, cohort);
  if (manages) await recordAccess(actor.id, "roster.viewed", { type: "cohort", id: cohort.id });
  const mine = await ownEnrolment(cohort, actor.id);
  const active = mine !== null && isActiveEnrolment(mine.status);
  // Whether leaving hands the seat straight to the waitlist, for the confirmation to say so.
  const queue = mine?.status === "enrolled" ? await waitlistLength(cohort.id) : 0;
  return {
    cohort: {
      id: cohort.id,
      name: cohort.name,
      program: cohort.program.title,
      startsOn: cohort.startsOn.toISOString(),
      endsOn: cohort.endsOn.toISOString(),
      opens: cohort.enrolmentOpensAt.toISOString(),
      closes: cohort.enrolmentClosesAt.toISOString(),
      mode: cohort.mode,
      capacity: cohort.capacity,
      seatsTaken: cohort.seatsTaken,
      facilitators: cohort.facilitators.map((facilitator) => facilitator.person.name),
      branches: cohort.branches.map((b) => b.branch.name),
      positions: parsePositions(cohort.eligiblePositions).map(positionLabel),
      reviewedBy: reviewedBy(cohort.facilitators.map((facilitator) => facilitator.person.name)),
    },
    mine: mine ? { ...mine, undo: mine.undo ? { until: swedishClock(mine.undo.until), from: mine.undo.from } : null } : null,
    active,
    queue,
    // What the enrol button would do, or why there is none; the action asks the same function.
    offer: active ? null : await enrolmentOfferFor(cohort, person),
    // Participants and their progress: the cohort's facilitators and admins only.
    roster: manages ? await cohortRoster(cohort.id, cohort.programId) : null,
  };
}

const reasonField = z.string().trim().max(500, "Högst 500 tecken.").default("");
const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("enrol") }),
  z.object({ intent: z.literal("withdraw"), enrolmentId: z.string().min(1).max(40), reason: reasonField }),
  z.object({ intent: z.literal("undo-withdraw"), enrolmentId: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("approve"), enrolmentId: z.string().min(1).max(40) }),
  z.object({
    intent: z.literal("decline"),
    enrolmentId: z.string().min(1).max(40),
    reason: z.string().trim().min(1, "Skriv en anledning till beslutet.").max(500),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePerson(request);
  const cohort = await loadCohort(params.cohortId);
  const formData = await readForm(request);
  const form = parseForm(intents, formData);
  if (!form.ok) return formFailure(form, formData);
  const back = (message: string, kind?: FlashKind) => redirectWithMessage(request, `/cohorts/${cohort.id}`, message, kind);
  const input = form.value;
  if (input.intent !== "enrol") await requireEnrolmentInCohort(input.enrolmentId, cohort.id);
  switch (input.intent) {
    case "enrol": {
      const result = await enrolSelf(actor, cohort.id);
      if (!result.ok) return formFailure(result, undefined, 403);
      const placed = result.value;
      const messages = {
        enrolled: `Du är antagen till ${cohort.name}. En bekräftelse har skickats till din e-post.`,
        waitlisted: `Omgången är full. Du står på väntelistan${"place" in placed ? ` som nummer ${placed.place}` : ""}.`,
        pending: `Din ansökan är skickad. ${reviewedBy(cohort.facilitators.map((facilitator) => facilitator.person.name))} Du får besked via e-post.`,
        already: "Du är redan anmäld.",
      };
      return back(messages[placed.outcome], placed.outcome === "already" ? "info" : "success");
    }
    case "withdraw": {
      const left = await withdraw(actor, input.enrolmentId, input.reason);
      if (!left.withdrawn) return back("Anmälan var redan borttagen.", "info");
      // The page itself then offers "Ångra avanmälan" while it can be taken back (ownEnrolment).
      if (!left.own) return back("Anmälan är borttagen.");
      return back(left.from === "pending" ? `Din ansökan till ${cohort.name} är tillbakadragen.` : `Du är avanmäld från ${cohort.name}.`);
    }
    case "undo-withdraw": {
      const result = await undoWithdrawal(actor, input.enrolmentId);
      if (!result.ok) return formFailure(result, undefined, 409);
      const { status, place } = result.value;
      return back(
        status === "enrolled"
          ? `Avanmälan är ångrad: du har kvar din plats i ${cohort.name}.`
          : status === "waitlisted"
            ? `Avanmälan är ångrad: du står som nummer ${place} på väntelistan igen.`
            : "Ansökan är återställd och väntar på beslut igen.",
      );
    }
    case "approve":
    case "decline": {
      const result = await decide(actor, input.enrolmentId, input.intent, input.intent === "decline" ? input.reason : "");
      if (!result.ok) return formFailure(result, undefined, 409);
      const { status } = result.value;
      return back(
        status === "declined"
          ? "Ansökan är avslagen."
          : status === "enrolled"
            ? "Ansökan är godkänd."
            : "Godkänd, men omgången är full: personen står på väntelistan.",
      );
    }
    default:
      throw badRequest();
  }
}

export default function CohortPage() {
  const { cohort, mine, active, queue, offer, roster } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const confirmingWithdrawal = active && searchParams.get("confirm") === "withdraw";
  const { errors, values } = useFormFailure();
  // Several forms on one page post `reason`: its error belongs to the form that was posted.
  const posted = (intent: string, enrolmentId: string) => valueOf(values, "intent") === intent && valueOf(values, "enrolmentId") === enrolmentId;
  const section = (status: string) => roster?.filter((enrolment) => enrolment.status === status) ?? [];
  return (
    <>
      <p>
        <Link to="/cohorts">← Omgångar</Link>
      </p>
      <h1>{cohort.name}</h1>
      <dl className="card">
        <dt>Program</dt>
        <dd>{cohort.program}</dd>
        <dt>Tid</dt>
        <dd>
          {swedishDate(cohort.startsOn)}–{swedishDate(cohort.endsOn)}
        </dd>
        <dt>Anmälan</dt>
        <dd>
          {MODE_LABELS[cohort.mode]}, {swedishDate(cohort.opens)}–{swedishDate(cohort.closes)}
        </dd>
        <dt>Platser</dt>
        <dd>
          {cohort.seatsTaken} av {cohort.capacity} tagna
        </dd>
        <dt>Utvecklingsledare</dt>
        <dd>{cohort.facilitators.join(", ") || "Ej utsedd"}</dd>
        <dt>Vem kan söka</dt>
        <dd>
          {cohort.branches.length ? cohort.branches.join(", ") : "Alla arbetarekommuner"}
          {cohort.positions.length ? `; ${cohort.positions.join(", ")}` : ""}
        </dd>
      </dl>
      <FormError errors={errors._form} />
      <section aria-labelledby="my-title">
        <h2 id="my-title">Min anmälan</h2>
        {mine ? (
          <p>
            <span className="badge">{STATUS_LABELS[mine.status]}</span>
            {mine.place ? ` Du står som nummer ${mine.place} på väntelistan.` : ""}
            {mine.status === "pending" ? ` ${cohort.reviewedBy}` : ""}
            {mine.reason && mine.status === "declined" ? ` Anledning: ${mine.reason}` : ""}
          </p>
        ) : null}
        {active && confirmingWithdrawal ? (
          <WithdrawConfirmation
            cohort={cohort}
            enrolment={mine!}
            queue={queue}
            reason={posted("withdraw", mine!.id) ? valueOf(values, "reason") : undefined}
            errors={posted("withdraw", mine!.id) ? errors.reason : undefined}
          />
        ) : active ? (
          <p>
            {/* A link to the confirmation, not a form: nothing is given away before it is confirmed. */}
            <Link to="?confirm=withdraw" className="button secondary" preventScrollReset>
              {mine!.status === "pending" ? "Dra tillbaka ansökan…" : "Avanmäl mig…"}
            </Link>
          </p>
        ) : mine?.undo ? (
          <Form method="post">
            <p id="undo-explanation">
              Ångrade du dig? Fram till kl. {mine.undo.until} kan du{" "}
              {mine.undo.from === "enrolled"
                ? "ta tillbaka avanmälan och behålla din plats."
                : mine.undo.from === "waitlisted"
                  ? "ta tillbaka avanmälan och behålla din plats i kön."
                  : "återställa ansökan."}
            </p>
            <input type="hidden" name="intent" value="undo-withdraw" />
            <input type="hidden" name="enrolmentId" value={mine.id} />
            <button type="submit" aria-describedby="undo-explanation">
              {mine.undo.from === "pending" ? "Återställ ansökan" : "Ångra avanmälan"}
            </button>
          </Form>
        ) : offer ? (
          <EnrolOffer offer={offer} reviewers={cohort.reviewedBy} />
        ) : null}
      </section>
      {roster ? (
        <section aria-labelledby="roster-title">
          <h2 id="roster-title">Deltagare</h2>
          <p className="actions">
            <Link to={`/cohorts/${cohort.id}/bulk`} className="button secondary">
              Anmäl flera
            </Link>
            <a href={`/cohorts/${cohort.id}/export.csv`} className="button secondary" download>
              Ladda ner deltagarnas framsteg (CSV)
            </a>
          </p>
          {section("pending").length > 0 ? (
            <>
              <h3>Väntar på godkännande</h3>
              <ul className="lesson-list">
                {section("pending").map((enrolment) => (
                  <li key={enrolment.enrolmentId}>
                    <span>
                      {enrolment.name} <span className="muted">{enrolment.branch}</span>
                    </span>
                    <Form method="post">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="enrolmentId" value={enrolment.enrolmentId} />
                      <button type="submit" aria-label={`Godkänn ${enrolment.name}`}>
                        Godkänn
                      </button>
                    </Form>
                    <Form method="post" className="filters" style={{ margin: 0 }}>
                      <input type="hidden" name="intent" value="decline" />
                      <input type="hidden" name="enrolmentId" value={enrolment.enrolmentId} />
                      <TextField
                        id={`decline-${enrolment.enrolmentId}`}
                        name="reason"
                        label={`Anledning till avslag för ${enrolment.name}`}
                        hideLabel
                        placeholder="Anledning"
                        defaultValue={posted("decline", enrolment.enrolmentId) ? valueOf(values, "reason") : undefined}
                        errors={posted("decline", enrolment.enrolmentId) ? errors.reason : undefined}
                      />
                      <button type="submit" className="secondary" aria-label={`Avslå ${enrolment.name}`}>
                        Avslå
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>Antagna ({section("enrolled").length})</h3>
          {section("enrolled").length === 0 ? (
            <p className="empty">Ingen är antagen ännu.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Namn</th>
                    <th scope="col">Arbetarekommun</th>
                    <th scope="col">Framsteg i programmet</th>
                    <th scope="col">
                      <span className="visually-hidden">Åtgärd</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {section("enrolled").map((enrolment) => (
                    <tr key={enrolment.enrolmentId}>
                      <td>{enrolment.name}</td>
                      <td>{enrolment.branch}</td>
                      <td>
                        <ProgressBar percent={enrolment.percent} spokenLabel={`Framsteg för ${enrolment.name}`} />
                      </td>
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="withdraw" />
                          <input type="hidden" name="enrolmentId" value={enrolment.enrolmentId} />
                          <input type="hidden" name="reason" value="Borttagen av utvecklingsledare eller admin" />
                          <button type="submit" className="linklike" aria-label={`Ta bort ${enrolment.name} från omgången`}>
                            Ta bort
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3>Väntelista ({section("waitlisted").length})</h3>
          {section("waitlisted").length === 0 ? (
            <p className="empty">Ingen står på väntelistan.</p>
          ) : (
            <ol>
              {section("waitlisted").map((enrolment) => (
                <li key={enrolment.enrolmentId}>
                  {enrolment.name} <span className="muted">{enrolment.branch}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </>
  );
}

/** The enrol button as what it will do (a seat, the waitlist, an application), or the plain reason there is none. */
function EnrolOffer({ offer, reviewers }: { offer: EnrolmentOffer; reviewers: string }) {
  if (offer.kind === "refused") return <p className="muted">{offer.reason}</p>;
  const [explanation, label] =
    offer.kind === "waitlist"
      ? [
          `Omgången är full. Anmäler du dig hamnar du som nummer ${offer.place} på väntelistan och får en plats så fort någon lämnar omgången.`,
          "Ställ mig på väntelistan",
        ]
      : offer.kind === "apply"
        ? [`${reviewers}${offer.full ? " Omgången är full just nu: blir ansökan godkänd hamnar du på väntelistan." : ""}`, "Ansök till omgången"]
        : [null, "Anmäl mig"];
  return (
    <Form method="post">
      {explanation ? <p id="enrol-explanation">{explanation}</p> : null}
      <input type="hidden" name="intent" value="enrol" />
      <button type="submit" aria-describedby={explanation ? "enrol-explanation" : undefined}>
        {label}
      </button>
    </Form>
  );
}

/**
 * The step between "Avanmäl mig…" and giving the place away: what leaving
 * means for this person (the seat goes to the waitlist at once, or can be
 * taken back for a few minutes), then a plain form. It is a page state
 * (?confirm=withdraw), so it works without JavaScript; with it, focus moves
 * to the question so a screen reader reads it first.
 */
function WithdrawConfirmation({
  cohort,
  enrolment,
  queue,
  reason,
  errors,
}: {
  cohort: { id: string; name: string };
  enrolment: { id: string; status: string; place: number | null };
  queue: number;
  reason?: string;
  errors?: string[];
}) {
  const question = useRef<HTMLHeadingElement>(null);
  useEffect(() => question.current?.focus(), []);
  const application = enrolment.status === "pending";
  const undo = `Ångrar du dig kan du ta tillbaka avanmälan inom ${UNDO_WITHDRAWAL_MINUTES} minuter`;
  const consequence =
    enrolment.status === "enrolled"
      ? queue > 0
        ? "Din plats går direkt till den som står först på väntelistan, så du kan inte få tillbaka den om du ångrar dig."
        : `Din plats blir ledig för någon annan. ${undo}, om ingen har hunnit ta platsen.`
      : enrolment.status === "waitlisted"
        ? `Du lämnar väntelistan, där du står som nummer ${enrolment.place}. ${undo} och behålla din plats i kön.`
        : `Ansökan tas bort och går inte vidare till beslut. Ångrar du dig kan du återställa den inom ${UNDO_WITHDRAWAL_MINUTES} minuter.`;
  return (
    <div className="card" aria-labelledby="withdraw-question" role="region">
      <h3 id="withdraw-question" ref={question} tabIndex={-1} style={{ marginTop: 0 }}>
        {application ? `Vill du dra tillbaka din ansökan till ${cohort.name}?` : `Vill du avanmäla dig från ${cohort.name}?`}
      </h3>
      <p id="withdraw-consequence">{consequence}</p>
      <Form method="post" aria-describedby="withdraw-consequence">
        <input type="hidden" name="intent" value="withdraw" />
        <input type="hidden" name="enrolmentId" value={enrolment.id} />
        <TextField name="reason" label="Anledning (frivilligt)" defaultValue={reason} errors={errors} />
        <div className="actions">
          <button type="submit" className="danger">
            {application ? "Ja, dra tillbaka ansökan" : "Ja, avanmäl mig"}
          </button>
          <Link to={`/cohorts/${cohort.id}`}>{application ? "Nej, behåll ansökan" : "Nej, jag är kvar"}</Link>
        </div>
      </Form>
    </div>
  );
}
