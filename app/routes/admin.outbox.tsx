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
    messages: messages.map((m) => ({
      id: m.id,
      to: m.toEmail,
      subject: m.subject,
      text: m.text,
      kind: outboxKindLabel(m.kind),
      status: STATUS_LABELS[m.status] ?? m.status,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Utkorg</h1>
      <p>
        All e-post från plattformen hamnar här först. Tills e-postutskick (SMTP) är inställt kan du läsa inbjudningar
        och lösenordslänkar här och vidarebefordra dem.
      </p>
      {messages.length === 0 ? (
        <p className="empty">Utkorgen är tom.</p>
      ) : (
        <ul style={{ listStyle: "none", padding: 0 }}>
          {messages.map((m) => (
            <li key={m.id} className="card" style={{ marginBottom: "0.75rem" }}>
              <details>
                <summary>
                  <strong>{m.subject}</strong> till {m.to} <span className="badge">{m.kind}</span>
                  <span className="badge">{m.status}</span> <span className="muted">{swedishDateTime(m.createdAt)}</span>
                </summary>
                <pre className="mail">{m.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
