import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/modules/auth/session.server";
import { exportPersonalData, type PersonalDataExport } from "~/modules/privacy/export.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Mina uppgifter · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { person } = await requirePerson(request);
  return exportPersonalData(person.id);
}

type Row = Record<string, unknown>;
type Column = [key: string, label: string, format?: (value: never) => string];

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  if (typeof value === "string") return ISO.test(value) ? swedishDateTime(value) : value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "–" : value.map(show).join("\n");
  // A detail record (an audit entry's): one "what: value" line each, never raw JSON.
  const entries = Object.entries(value as Record<string, unknown>).filter(([, part]) => part !== null && part !== undefined && part !== "");
  return entries.length === 0 ? "–" : entries.map(([what, part]) => `${what}: ${show(part)}`).join("\n");
}

function answerLines(answers: PersonalDataExport["quizAttempts"][number]["answers"]): string {
  return answers.map(({ question, chosen }) => `${question}\n– ${chosen.length > 0 ? chosen.join("; ") : "inget svar"}`).join("\n");
}

/** The sections in reading order: title, what it is, and the columns to show. */
const SECTIONS: { key: keyof PersonalDataExport; title: string; about: string; columns: Column[] }[] = [
  {
    key: "branchRoles",
    title: "Uppdrag i arbetarekommunen",
    about: "Till exempel krisansvarig.",
    columns: [
      ["role", "Uppdrag"],
      ["since", "Sedan"],
    ],
  },
  {
    key: "supportedBranches",
    title: "Arbetarekommuner du stödjer",
    about: "Som utvecklingsledare.",
    columns: [
      ["branch", "Arbetarekommun"],
      ["since", "Sedan"],
    ],
  },
  {
    key: "enrolments",
    title: "Anmälningar till omgångar",
    about: "Ansökningar, väntelista och antagningar.",
    columns: [
      ["cohort", "Omgång"],
      ["program", "Program"],
      ["status", "Status"],
      ["appliedAt", "Anmäld"],
      ["enrolledAt", "Antagen"],
      ["withdrawnAt", "Avanmäld"],
      ["reason", "Anledning"],
      ["decidedBy", "Beslut av"],
    ],
  },
  {
    key: "enrolmentDecisions",
    title: "Beslut du har fattat om anmälningar",
    about: "Utan namnen på dem det gällde.",
    columns: [
      ["cohort", "Omgång"],
      ["status", "Beslut"],
      ["at", "När"],
    ],
  },
  {
    key: "cohortsFacilitated",
    title: "Omgångar du leder",
    about: "",
    columns: [
      ["cohort", "Omgång"],
      ["program", "Program"],
      ["startsOn", "Start"],
      ["endsOn", "Slut"],
    ],
  },
  {
    key: "lessonProgress",
    title: "Lektioner",
    about: "Vilka lektioner du har öppnat och slutfört.",
    columns: [
      ["course", "Kurs"],
      ["lesson", "Lektion"],
      ["firstViewedAt", "Först öppnad"],
      ["lastViewedAt", "Senast öppnad"],
      ["completedAt", "Klar"],
    ],
  },
  {
    key: "quizAttempts",
    title: "Kunskapskontroller",
    about: "Frågorna, de svar du valde och om allt var rätt.",
    columns: [
      ["lesson", "Lektion"],
      ["answers", "Dina svar", answerLines],
      ["correct", "Rätt"],
      ["at", "När"],
    ],
  },
  {
    key: "reflections",
    title: "Reflektioner",
    about: "Privata reflektioner ser bara du; delade ser dina utvecklingsledare.",
    columns: [
      ["lesson", "Lektion"],
      ["text", "Text"],
      ["visibility", "Vem ser den"],
      ["updatedAt", "Senast ändrad"],
    ],
  },
  {
    key: "submissions",
    title: "Inlämnade uppgifter",
    about: "Din text och utvecklingsledarens återkoppling.",
    columns: [
      ["lesson", "Lektion"],
      ["text", "Din text"],
      ["status", "Status"],
      ["submittedAt", "Inlämnad"],
      ["reviewer", "Granskad av"],
      ["feedback", "Återkoppling"],
    ],
  },
  {
    key: "reviewsGiven",
    title: "Uppgifter du har granskat",
    about: "Utan deltagarnas namn och texter.",
    columns: [
      ["lesson", "Lektion"],
      ["status", "Beslut"],
      ["reviewedAt", "När"],
      ["feedback", "Din återkoppling"],
    ],
  },
  {
    key: "completions",
    title: "Avklarat och intyg",
    about: "",
    columns: [
      ["scope", "Vad"],
      ["title", "Namn"],
      ["completedAt", "Klart"],
      ["certificateCode", "Intygskod"],
    ],
  },
  {
    key: "sessionsAttended",
    title: "Handledning du är inbjuden till",
    about: "Ditt svar och din närvaro.",
    columns: [
      ["title", "Tillfälle"],
      ["facilitator", "Utvecklingsledare"],
      ["startsAt", "Tid"],
      ["sessionStatus", "Status"],
      ["answer", "Svar / närvaro"],
    ],
  },
  {
    key: "sessionsLed",
    title: "Handledning du leder",
    about: "Antal deltagare, inte vilka.",
    columns: [
      ["title", "Tillfälle"],
      ["kind", "Typ"],
      ["startsAt", "Tid"],
      ["status", "Status"],
      ["participants", "Inbjudna"],
      ["attended", "Närvarade"],
    ],
  },
  {
    key: "crisisItemsOwned",
    title: "Punkter i krisplaner som du ansvarar för",
    about: "",
    columns: [
      ["branch", "Arbetarekommun"],
      ["section", "Avsnitt"],
      ["title", "Punkt"],
      ["status", "Status"],
      ["dueOn", "Klart senast"],
      ["note", "Anteckning"],
    ],
  },
  {
    key: "crisisContacts",
    title: "Du som kontakt i krisplaner",
    about: "Rader med ditt namn i kontaktlistan.",
    columns: [
      ["branch", "Arbetarekommun"],
      ["name", "Namn"],
      ["role", "Roll"],
      ["phone", "Telefon"],
    ],
  },
  {
    key: "crisisPlansReviewed",
    title: "Krisplaner du har markerat som genomgångna",
    about: "",
    columns: [
      ["branch", "Arbetarekommun"],
      ["reviewedAt", "När"],
    ],
  },
  {
    key: "crisisOffersDecided",
    title: "Nya mallpunkter du har tagit ställning till",
    about: "",
    columns: [
      ["branch", "Arbetarekommun"],
      ["templateKey", "Punkt"],
      ["decision", "Beslut"],
      ["decidedAt", "När"],
    ],
  },
  {
    key: "crisisTemplateVersionsPublished",
    title: "Versioner av krisplanmallen du har publicerat",
    about: "",
    columns: [
      ["version", "Version"],
      ["publishedAt", "När"],
      ["note", "Anteckning"],
    ],
  },
  {
    key: "indicatorEntries",
    title: "Värden du har fört in för målen",
    about: "",
    columns: [
      ["indicator", "Indikator"],
      ["period", "År"],
      ["value", "Värde"],
      ["source", "Källa"],
      ["measuredOn", "Mätt"],
    ],
  },
  {
    key: "manualsUploaded",
    title: "Manualer du har laddat upp till Verktygen",
    about: "Manualerna är distriktets och ligger kvar; här står att det var du som laddade upp dem.",
    columns: [
      ["title", "Rubrik"],
      ["category", "Kategori"],
      ["fileName", "Fil"],
      ["uploadedAt", "Uppladdad"],
    ],
  },
  {
    key: "accountTokens",
    title: "Länkar för att välja lösenord",
    about: "När de skapades och användes; själva länkarna sparas inte.",
    columns: [
      ["purpose", "Syfte"],
      ["createdAt", "Skapad"],
      ["expiresAt", "Gäller till"],
      ["usedAt", "Använd"],
    ],
  },
  {
    key: "loginSessions",
    title: "Inloggningar",
    about: "Enheter som är inloggade just nu.",
    columns: [
      ["device", "Webbläsare"],
      ["createdAt", "Inloggad"],
      ["expiresAt", "Gäller till"],
    ],
  },
  {
    key: "loginAttempts",
    title: "Inloggningsförsök",
    about: "Sparas för att stoppa gissning av lösenord.",
    columns: [
      ["at", "När"],
      ["outcome", "Utfall"],
      ["address", "Från adress"],
    ],
  },
  {
    key: "rateLimitHits",
    title: "Begränsade förfrågningar",
    about: "Till exempel beställda lösenordslänkar.",
    columns: [
      ["kind", "Slag"],
      ["at", "När"],
    ],
  },
  {
    key: "emails",
    title: "E-post till dig",
    about: "Engångslänkar visas inte.",
    columns: [
      ["subject", "Ämne"],
      ["status", "Status"],
      ["createdAt", "Skapad"],
      ["sentAt", "Skickad"],
      ["text", "Text"],
    ],
  },
  {
    key: "auditEvents",
    title: "Händelser i granskningsloggen",
    about: "Ändringar av dina uppgifter, vem som har öppnat dem, och vad du själv har gjort.",
    columns: [
      ["at", "När"],
      ["label", "Händelse"],
      ["by", "Av"],
      ["detail", "Detaljer"],
    ],
  },
];

function Section({ title, about, columns, rows }: { title: string; about: string; columns: Column[]; rows: Row[] }) {
  const id = `sec-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {about ? <p className="muted">{about}</p> : null}
      {rows.length === 0 ? (
        <p className="muted">Inget sparat.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {columns.map(([key, label]) => (
                  <th key={key} scope="col">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  {columns.map(([key, , format]) => (
                    <td key={key} style={{ whiteSpace: "pre-wrap" }}>
                      {format ? format(row[key] as never) : show(row[key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function MyData() {
  const data = useLoaderData<typeof loader>();
  const profile = data.person;
  return (
    <div className="data-export">
      <p className="actions">
        <Link to="/account">← Mitt konto</Link>
      </p>
      <h1>Mina uppgifter i Ledarlyftet</h1>
      <p>
        Här är allt Ledarlyftet har sparat om dig, {swedishDateTime(data.generatedAt)}. Skriv ut sidan eller{" "}
        <a href="/account/data.json" download>
          ladda ner uppgifterna som JSON-fil
        </a>
        . Läs mer om hur vi hanterar uppgifterna i <Link to="/integritet">integritetsinformationen</Link>.
      </p>
      <section aria-labelledby="sec-profil">
        <h2 id="sec-profil">Profil</h2>
        <dl className="card">
          <dt>Namn</dt>
          <dd>{profile.name}</dd>
          <dt>E-post</dt>
          <dd>{profile.email}</dd>
          <dt>Arbetarekommun</dt>
          <dd>{profile.branch}</dd>
          <dt>Befattning</dt>
          <dd>{profile.position}</dd>
          <dt>Roller</dt>
          <dd>{profile.roles.join(", ") || "–"}</dd>
          <dt>Konto skapat</dt>
          <dd>{show(profile.createdAt)}</dd>
          <dt>Senast inloggad</dt>
          <dd>{show(profile.lastLoginAt)}</dd>
          <dt>Lösenord valt</dt>
          <dd>{show(profile.hasPassword)}</dd>
          <dt>Påminnelser om handledning</dt>
          <dd>{show(profile.sessionReminders)}</dd>
          <dt>Kalenderprenumeration</dt>
          <dd>
            {data.calendarFeed
              ? `Ja, skapad ${show(data.calendarFeed.createdAt)}; ${profile.invitesWithFeed ? "kalenderinbjudningar via e-post också" : "e-post utan kalenderbilaga"}`
              : "Nej"}
          </dd>
        </dl>
      </section>
      {SECTIONS.map((section) => (
        <Section key={section.key} title={section.title} about={section.about} columns={section.columns} rows={data[section.key] as unknown as Row[]} />
      ))}
    </div>
  );
}
