import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { outboxKindLabel } from "~/modules/mail/kinds";
import { listOutbox } from "~/modules/mail/outbox.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Utkorg · Ledarlyftet" }];

const STATUS_LABELS: Record<string, string> = { pending: "Väntar på utskick", sent: "Skickat", failed: "Misslyckades" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "outbox:read");
  const messages = await listOutbox();
  return {
    messages: messages.map((message) => ({
      id: message.id,
      to: message.toEmail,
      subject: message.subject,
      text: message.text,
      kind: outboxKindLabel(message.kind),
      status: STATUS_LABELS[message.status] ?? message.status,
      createdAt: message.createdAt.toISOString(),
    })),
  };
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Utkorg</h1>
      <p>
        All e-post från plattformen hamnar här först. Tills e-postutskick (SMTP) är inställt kan du läsa inbjudningar och lösenordslänkar här och vidarebefordra
        dem.
      </p>
      {messages.length === 0 ? (
        <p className="empty">Utkorgen är tom.</p>
      ) : (
        <ul style={{ listStyle: "none", padding: 0 }}>
          {messages.map((message) => (
            <li key={message.id} className="card" style={{ marginBottom: "0.75rem" }}>
              <details>
                <summary>
                  <strong>{message.subject}</strong> till {message.to} <span className="badge">{message.kind}</span>
                  <span className="badge">{message.status}</span> <span className="muted">{swedishDateTime(message.createdAt)}</span>
                </summary>
                <pre className="mail">{message.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
