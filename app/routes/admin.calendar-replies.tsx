import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/modules/auth/session.server";
import { markReplyHandled, setAsideReplies } from "~/modules/calendar/calendar-replies.server";
import { HANDLED_FOLDER, replyMailboxStatus } from "~/modules/calendar/reply-mailbox.server";
import { formatCount } from "~/utils/format";
import { redirectWithMessage } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Kalendersvar · Ledarlyftet" }];

const ANSWER_WORDS: Record<string, string> = { ACCEPTED: "kommer", TENTATIVE: "kanske", DECLINED: "kommer inte" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "calendar-replies:handle");
  const [mailbox, replies] = await Promise.all([replyMailboxStatus(), setAsideReplies()]);
  return {
    mailbox: {
      address: mailbox.address,
      handledFolder: HANDLED_FOLDER,
      everyMinutes: mailbox.everyMinutes,
      okAt: mailbox.check?.okAt?.toISOString() ?? null,
      failingSince: mailbox.check?.failingSince?.toISOString() ?? null,
      error: mailbox.check?.error ?? null,
    },
    replies: replies.map((reply) => ({
      id: reply.id,
      receivedAt: reply.receivedAt.toISOString(),
      from: reply.fromAddress || "(okänd avsändare)",
      subject: reply.subject || "(inget ämne)",
      answer: reply.method === "COUNTER" ? "föreslår ny tid" : reply.partstat ? (ANSWER_WORDS[reply.partstat] ?? reply.partstat) : null,
      reason: reply.reason,
      session: reply.session,
    })),
  };
}

const handled = z.object({ intent: z.literal("handled"), replyId: z.string().min(1).max(40) });

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "calendar-replies:handle");
  const form = parseForm(handled, await readForm(request));
  if (!form.ok) throw badRequest("Okänd åtgärd.");
  const done = await markReplyHandled(actor, form.value.replyId);
  return redirectWithMessage(request, "/admin/calendar-replies", done ? "Svaret är markerat som hanterat." : "Svaret var redan hanterat.");
}

export default function CalendarReplies() {
  const { mailbox, replies } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Kalendersvar</h1>
      <section aria-labelledby="mailbox-title" className="card">
        <h2 id="mailbox-title">Svarsbrevlådan</h2>
        {mailbox.address ? (
          <>
            <p>
              Inbjudningarna ber deltagarnas kalendrar svara till <strong>{mailbox.address}</strong>. Ledarlyftet läser brevlådan var{" "}
              {mailbox.everyMinutes === 1 ? "minut" : `${mailbox.everyMinutes}:e minut`} och flyttar det som är läst till mappen ”{mailbox.handledFolder}”.
            </p>
            {mailbox.failingSince ? (
              <p className="notice error" role="status">
                Brevlådan har inte gått att läsa sedan {swedishDateTime(mailbox.failingSince)}: {mailbox.error}. Inget går förlorat: svaren ligger kvar och
                läses när brevlådan går att nå igen. Deltagarna kan under tiden svara på tillfällets sida.
              </p>
            ) : mailbox.okAt ? (
              <p className="muted">Senast läst {swedishDateTime(mailbox.okAt)}.</p>
            ) : (
              <p className="muted">Brevlådan har inte lästs ännu.</p>
            )}
          </>
        ) : (
          <p>
            Ingen svarsbrevlåda är inställd, så svar från kalendrar går till utvecklingsledarens egen e-post och Ledarlyftet ser dem inte. Deltagarna svarar på
            tillfällets sida. README beskriver hur distriktets brevlåda kopplas in (REPLY_MAILBOX och IMAP_URL).
          </p>
        )}
      </section>
      <h2>Svar som väntar på dig</h2>
      <p>
        Svar som Ledarlyftet inte kunde koppla till ett tillfälle och en inbjuden person läggs här och ändrar ingenting. Titta på dem, svara personen eller
        ändra svaret på tillfällets sida vid behov, och markera dem sedan som hanterade.
      </p>
      {replies.length === 0 ? (
        <p className="empty">Inga kalendersvar väntar på dig.</p>
      ) : (
        <>
          <p>{formatCount(replies.length, "svar väntar", "svar väntar")}.</p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Kalendersvar som inte kunde kopplas</caption>
              <thead>
                <tr>
                  <th scope="col">Mottaget</th>
                  <th scope="col">Från</th>
                  <th scope="col">Ämne och svar</th>
                  <th scope="col">Varför det inte användes</th>
                  <th scope="col">
                    <span className="visually-hidden">Åtgärd</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {replies.map((reply) => (
                  <tr key={reply.id}>
                    <td>{swedishDateTime(reply.receivedAt)}</td>
                    <td>{reply.from}</td>
                    <td>
                      {reply.subject}
                      {reply.answer ? <div className="muted">Svar: {reply.answer}</div> : null}
                      {reply.session ? (
                        <div>
                          <Link to={`/sessions/${reply.session.id}`}>{reply.session.title}</Link>
                        </div>
                      ) : null}
                    </td>
                    <td>{reply.reason}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="handled" />
                        <input type="hidden" name="replyId" value={reply.id} />
                        <button type="submit" className="secondary">
                          Markera som hanterat
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
