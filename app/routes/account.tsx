import { z } from "zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { config } from "~/config.server";
import { calendarChannel, chooseInvitesWithFeed, issueFeedToken, revokeFeed } from "~/modules/calendar/feed.server";
import { RadioGroup } from "~/components/field";
import { redirectWithMessage } from "~/utils/flash.server";
import { badRequest } from "~/utils/http.server";
import { liveSessionsOf, requirePerson } from "~/modules/auth/session.server";
import { findBranch } from "~/modules/branches/branches.server";
import { positionLabel } from "~/modules/people/positions";
import { roleLabel, rolesOf } from "~/modules/people/roles";
import { readForm } from "~/utils/read-form.server";
import { swedishDateTime } from "~/utils/time";
import { formatCount } from "~/utils/format";
import { EMAIL_CHOICES, emailChoice, emailChoicesOf, setEmailChoice } from "~/modules/mail/preferences.server";

export const meta: MetaFunction = () => [{ title: "Mitt konto · Ledarlyftet" }];

const channelChoice = z.enum(["feed", "both"]);
const emailSwitch = z.object({ choice: emailChoice, on: z.enum(["true", "false"]).transform((on) => on === "true") });

export async function loader({ request }: LoaderFunctionArgs) {
  const { person } = await requirePerson(request);
  const [branch, sessions, channel, emails] = await Promise.all([
    findBranch(person.branchId),
    liveSessionsOf(person.id),
    calendarChannel(person.id),
    emailChoicesOf(person.id),
  ]);
  return {
    name: person.name,
    email: person.email,
    branch: branch?.name ?? "",
    position: positionLabel(person.position),
    roles: rolesOf(person).map(roleLabel),
    sessions: sessions.map((loginSession) => ({ createdAt: loginSession.createdAt.toISOString(), userAgent: loginSession.userAgent })),
    channel,
    emails,
    reminderHours: config.REMINDER_HOURS,
  };
}

/** The feed address is shown once, right after it is made: only its hash is stored. */
export async function action({ request }: ActionFunctionArgs) {
  const { person } = await requirePerson(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "feed-new") {
    const token = await issueFeedToken(person.id);
    const url = new URL(`/kalender/${token}.ics`, config.PUBLIC_URL).toString();
    return redirectWithMessage(
      request,
      "/account#kalender",
      `Din nya kalenderadress: ${url} (en tidigare slutar fungera). Handledningen kommer nu till kalendern genom prenumerationen, och e-posten utan kalenderbilaga, så att inget syns två gånger.`,
    );
  }
  if (intent === "channel") {
    const both = channelChoice.safeParse(formData.get("channel"));
    if (!both.success) throw badRequest("Välj hur handledningen ska komma till din kalender.");
    await chooseInvitesWithFeed(person.id, both.data === "both");
    return redirectWithMessage(
      request,
      "/account#kalender",
      both.data === "both"
        ? "Du får både prenumerationen och kalenderinbjudningar via e-post."
        : "Handledningen kommer till din kalender genom prenumerationen; e-posten får ingen kalenderbilaga.",
    );
  }
  if (intent === "email-choice") {
    const chosen = emailSwitch.safeParse({ choice: formData.get("choice"), on: formData.get("on") });
    if (!chosen.success) throw badRequest("Välj vilken sorts e-post du vill slå på eller stänga av.");
    const { choice, on } = chosen.data;
    await setEmailChoice(person.id, choice, on);
    return redirectWithMessage(request, "/account#e-post", on ? `På igen: ${EMAIL_CHOICES[choice].label.toLowerCase()}.` : EMAIL_CHOICES[choice].stopped);
  }
  if (intent === "feed-revoke") {
    await revokeFeed(person.id);
    return redirectWithMessage(request, "/account#kalender", "Kalenderprenumerationen är avslutad.");
  }
  throw badRequest();
}

export default function Account() {
  const me = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mitt konto</h1>
      <dl className="card">
        <dt>Namn</dt>
        <dd>{me.name}</dd>
        <dt>E-post</dt>
        <dd>{me.email}</dd>
        <dt>Arbetarekommun</dt>
        <dd>{me.branch}</dd>
        <dt>Befattning</dt>
        <dd>{me.position}</dd>
        <dt>Roller</dt>
        <dd>{me.roles.join(", ")}</dd>
      </dl>
      <h2 id="kalender">Kalenderprenumeration</h2>
      <p>
        Prenumerera på din handledning och dina omgångar i Outlook, Google Kalender, Apple Kalender eller Thunderbird. Adressen är hemlig: den som har den ser
        dina tillfällen.
      </p>
      <p>
        {me.channel === "email"
          ? "Du har ingen kalenderadress ännu. Handledning kommer som kalenderinbjudningar via e-post."
          : "Du har en aktiv kalenderadress."}
      </p>
      <div className="actions">
        <Form method="post">
          <input type="hidden" name="intent" value="feed-new" />
          <button type="submit" className="secondary">
            {me.channel === "email" ? "Skapa kalenderadress" : "Skapa ny adress"}
          </button>
        </Form>
        {me.channel !== "email" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="feed-revoke" />
            <button type="submit" className="secondary">
              Avsluta prenumerationen
            </button>
          </Form>
        ) : null}
      </div>
      {me.channel !== "email" ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="channel" />
          <RadioGroup
            name="channel"
            label="Så kommer handledningen till din kalender"
            hint="Med både prenumeration och inbjudningar syns varje tillfälle två gånger i de flesta kalendrar."
            defaultValue={me.channel}
            options={[
              { value: "feed", label: "Bara genom prenumerationen (e-posten kommer utan kalenderbilaga)" },
              { value: "both", label: "Både prenumerationen och kalenderinbjudningar via e-post" },
            ]}
          />
          <button type="submit" className="secondary">
            Spara
          </button>
        </Form>
      ) : null}
      <h2 id="e-post">E-post från Ledarlyftet</h2>
      <p>
        Inbjudningar, ändringar och inställd handledning, besked om dina ansökningar och länkar för nytt lösenord får du alltid. De här kan du stänga av, här
        eller med länken längst ner i varje brev:
      </p>
      <ul className="email-choices">
        {me.emails.map((email) => (
          <li key={email.choice} className="card">
            <h3 id={`e-post-${email.choice}`}>
              {email.label}: <span className={email.on ? "badge on" : "badge"}>{email.on ? "på" : "av"}</span>
            </h3>
            <p>
              {email.choice === "session-reminders" && email.on
                ? `Du får ett e-brev ${formatCount(me.reminderHours, "timme", "timmar")} före varje handledning du är inbjuden till och inte har tackat nej till.`
                : email.text}
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="email-choice" />
              <input type="hidden" name="choice" value={email.choice} />
              <input type="hidden" name="on" value={email.on ? "false" : "true"} />
              <button type="submit" className="secondary" aria-describedby={`e-post-${email.choice}`}>
                {email.on ? "Stäng av" : "Slå på"}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <h2>Inloggningar</h2>
      <p>Du är inloggad på {formatCount(me.sessions.length, "enhet", "enheter")}.</p>
      <ul>
        {me.sessions.map((loginSession) => (
          <li key={loginSession.createdAt}>
            {swedishDateTime(loginSession.createdAt)} <span className="muted">{loginSession.userAgent ?? "okänd webbläsare"}</span>
          </li>
        ))}
      </ul>
      <Form method="post" action="/logout">
        <input type="hidden" name="intent" value="everywhere" />
        <button type="submit" className="secondary">
          Logga ut överallt
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">Byt lösenord</Link> (vi mejlar en länk)
      </p>
      <h2 id="uppgifter">Dina uppgifter</h2>
      <p>Se allt Ledarlyftet har sparat om dig: profil, kurser, reflektioner, handledning, inloggningar och vem som har öppnat dina uppgifter.</p>
      <div className="actions">
        <Link to="/account/data" className="button secondary">
          Visa mina uppgifter
        </Link>
        <a href="/account/data.json" className="button secondary" download>
          Ladda ner som JSON
        </a>
      </div>
      <p>
        Vill du att vi raderar dina uppgifter? Kontakta distriktet. Läs mer i <Link to="/integritet">integritetsinformationen</Link>.
      </p>
    </>
  );
}
