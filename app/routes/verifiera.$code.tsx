import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { findCertificate } from "~/modules/progress/certificates.server";
import { swedishDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Kontrollera intyg · Ledarlyftet" }, { name: "robots", content: "noindex" }];

/**
 * Public: confirms a certificate with what is printed on it (name, course,
 * date) and nothing else about the person.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const certificate = await findCertificate(params.code);
  const body = certificate
    ? {
        valid: true as const,
        code: certificate.code,
        name: certificate.name,
        course: certificate.course,
        program: certificate.program,
        completedAt: certificate.completedAt.toISOString(),
      }
    : { valid: false as const, code: (params.code ?? "").slice(0, 20) };
  return data(body, { status: certificate ? 200 : 404, headers: { "Cache-Control": "no-store" } });
}

export default function Verify() {
  const certificate = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>Kontrollera intyg</h1>
      {certificate.valid ? (
        <div className="alert alert-ok" role="status">
          <p>
            <strong>Intyget är äkta.</strong>
          </p>
          <p>
            {certificate.course === null
              ? `${certificate.name} har genomfört programmet ${certificate.program} ${swedishDate(certificate.completedAt)}.`
              : `${certificate.name} har genomfört kursen ${certificate.course} (${certificate.program}) ${swedishDate(certificate.completedAt)}.`}
          </p>
          <p>Kontrollkod {certificate.code}</p>
        </div>
      ) : (
        <div className="alert alert-error" role="alert">
          Det finns inget intyg med koden {certificate.code}. Kontrollera att koden är rätt inskriven.
        </div>
      )}
    </div>
  );
}
