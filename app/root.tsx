import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { may } from "~/modules/auth/permissions";
import { actorOf, getCurrentPerson } from "~/modules/auth/session.server";
import { readFlash } from "~/utils/flash.server";
import styles from "~/styles/app.css?url";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Ledarlyftet" }];

/** Every page's description for search engines and link previews: the platform is one site with one purpose. */
const SITE_DESCRIPTION =
  "Ledarlyftet är Socialdemokraterna i Norrbottens plattform för ledarprogrammet och kommunikatörsutbildningen, handledning och arbetarekommunernas krisplaner.";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentPerson(request);
  const flash = await readFlash(request);
  const headers = new Headers();
  if (flash.setCookie) headers.append("Set-Cookie", flash.setCookie);
  const person = current
    ? {
        id: current.person.id,
        name: current.person.name,
        mayReview: may(actorOf(current.person), "review:access"),
        mayAdmin: may(actorOf(current.person), "admin:access"),
        mayEditContent: may(actorOf(current.person), "content:edit"),
      }
    : null;
  return data({ person, flash: flash.flash }, { headers });
}

export type RootData = typeof loader;

/** On a phone the menu folds behind a button; it folds again after each navigation. Without scripts it stays open (see Layout). */
function useMenuOpen() {
  const { pathname } = useLocation();
  // The page the menu was opened on: on any other page it is folded.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return [open, (next: boolean) => setOpenOn(next ? pathname : null)] as const;
}

function SiteHeader() {
  const root = useRouteLoaderData<RootData>("root");
  const person = root?.person;
  const [menuOpen, setMenuOpen] = useMenuOpen();
  return (
    <header className="site-header">
      <div className={person ? "inner" : "inner signed-out"}>
        <Link to="/" className="brand">
          Ledarlyftet
        </Link>
        {person ? (
          <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="site-nav" onClick={() => setMenuOpen(!menuOpen)}>
            Meny
          </button>
        ) : null}
        {person ? (
          <nav className="site-nav" id="site-nav" aria-label="Huvudmeny" data-open={menuOpen}>
            <ul>
              <li>
                <NavLink to="/" end>
                  Hem
                </NavLink>
              </li>
              <li>
                <NavLink to="/courses">Kurser</NavLink>
              </li>
              <li>
                <NavLink to="/my-courses">Mina kurser</NavLink>
              </li>
              <li>
                <NavLink to="/cohorts">Omgångar</NavLink>
              </li>
              <li>
                <NavLink to="/sessions">Handledning</NavLink>
              </li>
              <li>
                <NavLink to="/crisis">Krisplan</NavLink>
              </li>
              <li>
                <NavLink to="/verktyg">Verktyg</NavLink>
              </li>
              {person.mayReview ? (
                <li>
                  <NavLink to="/review">Att granska</NavLink>
                </li>
              ) : null}
              {person.mayEditContent ? (
                <li>
                  <NavLink to="/redigera">Redigera</NavLink>
                </li>
              ) : null}
              {person.mayAdmin ? (
                <>
                  <li>
                    <NavLink to="/admin/people">Personer</NavLink>
                  </li>
                  <li>
                    <NavLink to="/admin/branches">Arbetarekommuner</NavLink>
                  </li>
                  <li>
                    <NavLink to="/admin/outbox">Utkorg</NavLink>
                  </li>
                  <li>
                    <NavLink to="/admin/goals">Mål</NavLink>
                  </li>
                </>
              ) : null}
            </ul>
          </nav>
        ) : null}
        <div className="who">
          {person ? (
            <>
              <span>{person.name}</span>
              {/* Beside the name, where people look for their own settings, and out of the menu so an admin's links keep to one row. */}
              <NavLink to="/account" style={{ color: "#fff" }}>
                Mitt konto
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="linklike" style={{ color: "#fff" }}>
                  Logga ut
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login" style={{ color: "#fff" }}>
              Logga in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="sv">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content={SITE_DESCRIPTION} />
        <noscript>
          <style>{".site-nav[data-open] { display: block !important; } .menu-toggle { display: none !important; }"}</style>
        </noscript>
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Hoppa till innehållet
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="inner">
            Ledarlyftet · Socialdemokraterna i Norrbotten · <Link to="/integritet">Integritet och personuppgifter</Link>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** The one place a redirect's message shows: read out politely, or at once when something was not done. */
function Flash() {
  const root = useRouteLoaderData<RootData>("root");
  if (!root?.flash) return null;
  const { message, kind } = root.flash;
  return (
    <div className={`alert alert-${kind === "success" ? "ok" : kind}`} role={kind === "error" ? "alert" : "status"}>
      {message}
    </div>
  );
}

export default function App() {
  return (
    <>
      <Flash />
      <Outlet />
    </>
  );
}

const STATUS_TEXT: Record<number, { title: string; body: string }> = {
  400: { title: "Något var fel i förfrågan", body: "Kontrollera uppgifterna och försök igen." },
  403: { title: "Åtkomst nekad", body: "Du har inte behörighet till den här sidan." },
  404: { title: "Sidan finns inte", body: "Vi hittar inte sidan du söker. Den kan ha flyttats eller tagits bort." },
  413: { title: "För stor fil", body: "Det du skickade är för stort." },
};

export function ErrorPage({ status, detail }: { status: number; detail?: string }) {
  const text = STATUS_TEXT[status] ?? {
    title: "Något gick fel",
    body: "Ett oväntat fel inträffade. Försök igen om en stund; kvarstår problemet, kontakta distriktet.",
  };
  return (
    <section aria-labelledby="error-title">
      <h1 id="error-title">{text.title}</h1>
      <p>{detail && status < 500 ? detail : text.body}</p>
      <p className="muted">Felkod {status}</p>
      <p>
        <Link to="/">Till startsidan</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const detail = typeof error.data === "string" ? error.data : undefined;
    return <ErrorPage status={error.status} detail={detail} />;
  }
  // Never a stack trace in front of a person; the server log has it.
  return <ErrorPage status={500} />;
}
