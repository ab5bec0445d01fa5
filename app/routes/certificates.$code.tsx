import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { config } from "~/config.server";
import { requirePerson } from "~/modules/auth/session.server";
import { may } from "~/modules/auth/permissions";
import { findCertificate } from "~/modules/progress/certificates.server";
import { forbidden, notFound } from "~/utils/http.server";
import { swedishDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Intyg · Ledarlyftet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const certificate = await findCertificate(params.code);
  if (!certificate) throw notFound("Intyget finns inte.");
  if (!may(actor, "profile:read", { personId: certificate.personId })) throw forbidden("Det här är någon annans intyg.");
  return {
    ...certificate,
    completedAt: certificate.completedAt.toISOString(),
    verifyUrl: new URL(`/verifiera/${certificate.code}`, config.PUBLIC_URL).toString(),
  };
}

export default function Certificate() {
  const certificate = useLoaderData<typeof loader>();
  return (
    <>
      <div className="certificate">
        <p className="muted">Socialdemokraterna i Norrbotten · Ledarlyftet</p>
        <h1>Intyg</h1>
        <p>Detta intygar att</p>
        <p className="big">{certificate.name}</p>
        {certificate.course === null ? (
          <>
            <p>har genomfört programmet</p>
            <p className="big">{certificate.program}</p>
            <p>med alla dess kurser och handledning</p>
          </>
        ) : (
          <>
            <p>har genomfört kursen</p>
            <p className="big">{certificate.course}</p>
            <p>inom {certificate.program}</p>
          </>
        )}
        <p>{swedishDate(certificate.completedAt)}</p>
        <p className="muted">
          Kontrollkod <strong>{certificate.code}</strong>
          <br />
          Kontrollera intyget på {certificate.verifyUrl}
        </p>
      </div>
      <div className="actions">
        <button type="button" onClick={() => window.print()}>
          Skriv ut
        </button>
      </div>
    </>
  );
}
