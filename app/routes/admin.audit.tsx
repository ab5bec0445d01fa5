import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SelectField, TextField } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { auditActions, searchAuditEvents } from "~/modules/audit/audit-log.server";
import { auditLabel } from "~/modules/audit/actions";
import { auditQueryString, parseAuditQuery } from "~/modules/audit/audit-filter";
import { swedishDateTime } from "~/utils/time";
import { formatCount } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Granskningslogg · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:read");
  const query = parseAuditQuery(request.url);
  const page = query.page ?? 1;
  const [{ total, pages, events }, actions] = await Promise.all([searchAuditEvents(query, page), auditActions()]);
  return {
    query,
    page,
    pages,
    total,
    actions: actions.map((a) => ({ value: a, label: auditLabel(a) })),
    events: events.map((entry) => ({
      id: entry.id,
      at: entry.createdAt.toISOString(),
      actor: entry.actorName,
      actorId: entry.actorId,
      action: auditLabel(entry.action),
      code: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      subjectName: entry.subjectName,
      subject: entry.subject,
      details: entry.details,
    })),
  };
}

export default function AuditLog() {
  const { query, page, pages, total, actions, events } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.actor || query.subject || query.action || query.from || query.to);
  return (
    <>
      <h1>Granskningslogg</h1>
      <p className="muted">
        Vem gjorde vad och när: ändringar som administratörer och utvecklingsledare gör, och varje gång någon öppnar en annan persons uppgifter. Loggen kan inte
        ändras i appen.
      </p>
      <Form method="get" className="filters" role="search" aria-label="Filtrera granskningsloggen">
        <TextField name="actor" label="Utförd av (namn eller e-post)" type="search" defaultValue={query.actor ?? ""} />
        <TextField name="subject" label="Gäller (person eller id)" type="search" defaultValue={query.subject ?? ""} />
        <SelectField name="action" label="Åtgärd" placeholder="Alla" options={actions} defaultValue={query.action ?? ""} />
        <TextField name="from" label="Från och med" type="date" defaultValue={query.from ?? ""} />
        <TextField name="to" label="Till och med" type="date" defaultValue={query.to ?? ""} />
        <button type="submit">Filtrera</button>
        {filtered ? <Link to="/admin/audit">Rensa filter</Link> : null}
      </Form>
      <div className="actions" style={{ marginTop: 0 }}>
        <a href={`/admin/audit.csv${auditQueryString(query)}`} className="button secondary" download>
          Exportera CSV
        </a>
      </div>
      <p role="status">
        {formatCount(total, "händelse", "händelser")}
        {pages > 1 ? `, sida ${page} av ${pages}` : ""}
      </p>
      {events.length === 0 ? (
        <p className="empty">Inga händelser matchar filtret.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Händelser i granskningsloggen, nyast först</caption>
            <thead>
              <tr>
                <th scope="col">Tid</th>
                <th scope="col">Utförd av</th>
                <th scope="col">Åtgärd</th>
                <th scope="col">Gäller</th>
                <th scope="col">Detaljer</th>
              </tr>
            </thead>
            <tbody>
              {events.map((entry) => (
                <tr key={entry.id}>
                  <td className="when">{swedishDateTime(entry.at)}</td>
                  <td>{entry.actorId ? <Link to={`/admin/people/${entry.actorId}`}>{entry.actor}</Link> : entry.actor}</td>
                  <td>
                    {entry.action} <span className="muted">{entry.code}</span>
                  </td>
                  <td>{entry.subjectName && entry.subjectId ? <Link to={`/admin/people/${entry.subjectId}`}>{entry.subjectName}</Link> : entry.subject}</td>
                  <td>
                    {entry.details.length > 0 ? (
                      <ul className="audit-detail">
                        {entry.details.map((line, index) => (
                          <li key={index}>{line}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label="Sidor" className="actions">
          {page > 1 ? <Link to={`/admin/audit${auditQueryString(query, page - 1)}`}>← Nyare</Link> : null}
          {page < pages ? <Link to={`/admin/audit${auditQueryString(query, page + 1)}`}>Äldre →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
