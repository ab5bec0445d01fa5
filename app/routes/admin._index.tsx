import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { may } from "~/modules/auth/permissions";
import { requirePermission } from "~/modules/auth/session.server";
import { countSetAsideReplies } from "~/modules/calendar/calendar-replies.server";
import { replyMailboxStatus } from "~/modules/calendar/reply-mailbox.server";
import { crisisPlansSummary } from "~/modules/crisis/crisis.server";
import { goalsSummary } from "~/modules/goals/goals.server";
import { STATUS_LABELS } from "~/modules/goals/period";
import { outboxCounts } from "~/modules/mail/outbox.server";
import { formatCount, formatIndicatorValue } from "~/utils/format";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Administration · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "admin:access");
  const [goals, crisis, outbox, replies] = await Promise.all([
    may(actor, "goals:read") ? goalsSummary() : null,
    crisisPlansSummary(),
    may(actor, "outbox:read") ? outboxCounts() : null,
    may(actor, "calendar-replies:handle") ? Promise.all([countSetAsideReplies(), replyMailboxStatus()]) : null,
  ]);
  const calendarReplies = replies
    ? { waiting: replies[0], configured: replies[1].address !== null, failingSince: replies[1].check?.failingSince?.toISOString() ?? null }
    : null;
  return { goals, crisis, outbox, calendarReplies };
}

/** The district's first page for its admins: the goals and crisis plans in brief, then every admin area. */
export default function AdminIndex() {
  const { goals, crisis, outbox, calendarReplies } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Administration</h1>
      {goals ? (
        <section aria-labelledby="goals-summary">
          <h2 id="goals-summary">Mål {goals.period}</h2>
          {goals.indicators.length === 0 ? (
            <p className="empty">Inga mål är inlagda ännu.</p>
          ) : (
            <>
              <p>
                {goals.onTrack} av {goals.indicators.length} indikatorer är i fas.
              </p>
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">Indikatorernas utfall mot målet {goals.period}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Indikator</th>
                      <th scope="col">Utfall</th>
                      <th scope="col">Mål</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {goals.indicators.map((indicator) => (
                      <tr key={indicator.key}>
                        <th scope="row">
                          <Link to={`/admin/goals?period=${goals.period}#${indicator.key}`}>{indicator.name}</Link>
                        </th>
                        <td>{formatIndicatorValue(indicator.value, indicator.unit)}</td>
                        <td>{formatIndicatorValue(indicator.target, indicator.unit)}</td>
                        <td>
                          <span className={`badge status-${indicator.status}`}>{STATUS_LABELS[indicator.status]}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <p className="actions">
            <Link to={`/admin/goals?period=${goals.period}`} className="button secondary">
              Mål och indikatorer
            </Link>
            <Link to={`/admin/goals/report?period=${goals.period}`} className="button secondary">
              Uppföljningsrapport för höstmötet
            </Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="crisis-summary">
        <h2 id="crisis-summary">Krishanteringsplaner</h2>
        {crisis.branches === 0 ? (
          <p className="empty">Det finns inga arbetarekommuner ännu.</p>
        ) : (
          <ul>
            <li>
              {crisis.reviewed} av {formatCount(crisis.branches, "arbetarekommun", "arbetarekommuner")} har granskat sin plan det senaste året.
            </li>
            <li>
              {crisis.complete} av {formatCount(crisis.branches, "arbetarekommun", "arbetarekommuner")} har alla punkter klara eller ej aktuella.
            </li>
            {crisis.notStarted > 0 ? <li>{crisis.notStarted} har ännu ingen punkt klar.</li> : null}
          </ul>
        )}
        <p>
          <Link to="/crisis">Alla krishanteringsplaner</Link> · <Link to="/admin/crisis-template">Distriktets mall</Link>
        </p>
      </section>
      {outbox ? (
        <section aria-labelledby="outbox-summary">
          <h2 id="outbox-summary">Utkorg</h2>
          <p>
            {outbox.waiting + outbox.failed + outbox.sent === 0
              ? "Utkorgen är tom."
              : `${formatCount(outbox.waiting, "meddelande", "meddelanden")} väntar på utskick${outbox.failed > 0 ? `, ${outbox.failed} kunde inte skickas` : ""}.`}{" "}
            <Link to="/admin/outbox">Öppna utkorgen</Link>
          </p>
        </section>
      ) : null}
      {calendarReplies && (calendarReplies.configured || calendarReplies.waiting > 0) ? (
        <section aria-labelledby="replies-summary">
          <h2 id="replies-summary">Kalendersvar</h2>
          <p>
            {calendarReplies.failingSince ? `Svarsbrevlådan har inte gått att läsa sedan ${swedishDateTime(calendarReplies.failingSince)}. ` : ""}
            {calendarReplies.waiting === 0
              ? "Inga kalendersvar väntar på dig."
              : `${formatCount(calendarReplies.waiting, "svar", "svar")} från kalendrar kunde inte kopplas till ett tillfälle och väntar på dig.`}{" "}
            <Link to="/admin/calendar-replies">Öppna kalendersvaren</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="admin-areas">
        <h2 id="admin-areas">Mer att administrera</h2>
        <ul>
          <li>
            <Link to="/admin/people">Personer</Link>: sök, lägg till, redigera, inaktivera och importera.
          </li>
          <li>
            <Link to="/admin/branches">Arbetarekommuner</Link>: distriktets 14 arbetarekommuner.
          </li>
          <li>
            <Link to="/admin/people?status=invited">Inbjudna som inte har valt lösenord</Link>: skicka en ny inbjudan vid behov.
          </li>
          <li>
            <Link to="/admin/people?status=review">Inaktiva konton att granska</Link>: konton som inte har använts på länge.
          </li>
          <li>
            <Link to="/admin/audit">Granskningslogg</Link>: vem som har ändrat och öppnat vad.
          </li>
          <li>
            <Link to="/admin/calendar-replies">Kalendersvar</Link>: svarsbrevlådan och svar som inte kunde kopplas till ett tillfälle.
          </li>
        </ul>
      </section>
    </>
  );
}
