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
  const c = await findCertificate(params.code);
  const body = c
    ? { valid: true as const, code: c.code, name: c.name, course: c.course, program: c.program, completedAt: c.completedAt.toISOString() }
    : { valid: false as const, code: (params.code ?? "").slice(0, 20) };
  return data(body, { status: c ? 200 : 404, headers: { "Cache-Control": "no-store" } });
}

export default function Verify() {
  const c = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>Kontrollera intyg</h1>
      {c.valid ? (
        <div className="alert alert-ok" role="status">
          <p>
            <strong>Intyget är äkta.</strong>
          </p>
          <p>
            {c.name} har genomfört kursen {c.course} ({c.program}) {swedishDate(c.completedAt)}.
          </p>
          <p>Kontrollkod {c.code}</p>
        </div>
      ) : (
        <div className="alert alert-error" role="alert">
          Det finns inget intyg med koden {c.code}. Kontrollera att koden är rätt inskriven.
        </div>
      )}
    </div>
  );
}
