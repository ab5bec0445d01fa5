import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SelectField, TextField } from "~/components/field";
import { requirePerson } from "~/modules/auth/session.server";
import { audienceLabel, categoryLabel, describeFile, MANUAL_CATEGORIES, shelfFilter } from "~/modules/manuals/manuals";
import { listShelf } from "~/modules/manuals/manuals.server";
import { formatCount } from "~/utils/format";
import { swedishDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Verktyg · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
  const filter = shelfFilter.parse(params);
  const shelf = await listShelf(actor, filter);
  return {
    filter,
    manage: shelf.manage,
    total: shelf.total,
    manuals: shelf.manuals.map((manual) => ({ ...manual, updatedAt: manual.updatedAt.toISOString() })),
  };
}

type Manual = ReturnType<typeof useLoaderData<typeof loader>>["manuals"][number];

function ManualItem({ manual, manage }: { manual: Manual; manage: boolean }) {
  return (
    <li className="manual">
      <h3>{manual.title}</h3>
      {manual.description ? <p>{manual.description}</p> : null}
      <p className="manual-file">
        {/* A plain link: the file is a download, not a page for the router. */}
        <a href={`/verktyg/${manual.id}/ladda-ner`} className="button secondary">
          Ladda ner<span className="visually-hidden"> {manual.title}</span>
        </a>{" "}
        <span className="muted">
          {describeFile(manual.fileKind, manual.sizeBytes)} · uppdaterad {swedishDate(manual.updatedAt)}
        </span>
      </p>
      {manage ? (
        <p className="manual-staff muted">
          Hämtad {formatCount(manual.downloads ?? 0, "gång", "gånger")} · Synlig för {audienceLabel(manual.audience ?? []).toLowerCase()} ·{" "}
          <Link to={`/verktyg/${manual.id}/redigera`}>
            Ändra eller byt fil<span className="visually-hidden"> för {manual.title}</span>
          </Link>
        </p>
      ) : null}
    </li>
  );
}

export default function Shelf() {
  const { filter, manage, total, manuals } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.kategori || filter.q);
  const categories = MANUAL_CATEGORIES.filter((category) => manuals.some((manual) => manual.category === category.key));
  return (
    <>
      <h1>Verktyg</h1>
      <p>
        Manualer från distriktet att hämta och använda i arbetarekommunen: för utspel, aktiviteter, kommunikation, organisation och ledarskap. Hyllan fylls på
        med nya manualer efter behov.
      </p>
      {manage ? (
        <div className="actions" style={{ marginTop: 0, marginBottom: "1rem" }}>
          <Link to="/verktyg/ny" className="button">
            Ladda upp en manual
          </Link>
        </div>
      ) : null}
      {total > 0 ? (
        <Form method="get" className="filters" role="search" aria-label="Sök bland manualerna">
          <TextField name="q" label="Sök på rubrik" type="search" defaultValue={filter.q ?? ""} />
          <SelectField
            name="kategori"
            label="Kategori"
            placeholder="Alla kategorier"
            options={MANUAL_CATEGORIES.map((category) => ({ value: category.key, label: category.label }))}
            defaultValue={filter.kategori}
          />
          <button type="submit">Visa</button>
          {filtered ? <Link to="/verktyg">Visa alla</Link> : null}
        </Form>
      ) : null}
      {total === 0 ? (
        <p className="empty">
          {manage
            ? "Hyllan är tom. Ladda upp den första manualen, så hittar alla inloggade den här."
            : "Här finns inga manualer ännu. De läggs upp efter hand."}
        </p>
      ) : manuals.length === 0 ? (
        <p className="empty" role="status">
          Ingen manual matchar {filter.q ? `”${filter.q}”` : "sökningen"}
          {filter.kategori ? ` i kategorin ${categoryLabel(filter.kategori)}` : ""}. Sök på ett annat ord eller <Link to="/verktyg">visa alla manualer</Link>.
        </p>
      ) : (
        <>
          <p role="status">{filtered ? `${formatCount(manuals.length, "manual", "manualer")} av ${total}` : formatCount(total, "manual", "manualer")}</p>
          {categories.map((category) => (
            <section key={category.key} aria-labelledby={`kategori-${category.key}`}>
              <h2 id={`kategori-${category.key}`}>{category.label}</h2>
              <ul className="shelf">
                {manuals
                  .filter((manual) => manual.category === category.key)
                  .map((manual) => (
                    <ManualItem key={manual.id} manual={manual} manage={manage} />
                  ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}
