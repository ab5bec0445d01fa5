import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { HandbookBlocks } from "~/components/handbook-text";
import { requirePerson } from "~/modules/auth/session.server";
import { requireHandbook } from "~/modules/handbook/handbook.server";
import { editionLine, HANDBOOK_SOURCE, handbookPdfPath } from "~/modules/handbook/handbooks";
import { swedishDate } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.handbook.title ?? "Handbok"}, handbok · Ledarlyftet` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  return { handbook: await requireHandbook(actor, params.courseSlug), printedAt: new Date().toISOString() };
}

type Section = ReturnType<typeof useLoaderData<typeof loader>>["handbook"]["introduction"];

function HandbookSection({ section }: { section: Section }) {
  return (
    <section id={section.id} className="handbook-section" aria-labelledby={`${section.id}-title`}>
      <h2 id={`${section.id}-title`}>{section.title}</h2>
      {section.lead.length > 0 ? (
        <div className="handbook-lead">
          <HandbookBlocks blocks={section.lead} />
        </div>
      ) : null}
      {section.texts.map((text, i) => (
        <article key={i} className="handbook-text">
          <h3>{text.title}</h3>
          <HandbookBlocks blocks={text.blocks} />
        </article>
      ))}
    </section>
  );
}

/** The course's text as one handbook for paper: a cover, the contents, then each section from the top of a page. */
export default function HandbookPage() {
  const { handbook, printedAt } = useLoaderData<typeof loader>();
  const sections = [handbook.introduction, ...handbook.chapters];
  return (
    <div className="handbook">
      <p className="actions" style={{ marginTop: 0 }}>
        <Link to={`/courses/${handbook.courseSlug}`}>← Kursen {handbook.title}</Link>
        <button type="button" onClick={() => window.print()}>
          Skriv ut
        </button>
        <a href={handbookPdfPath(handbook.courseSlug)} className="button secondary" download>
          Ladda ner som PDF
        </a>
      </p>
      <header className="handbook-cover">
        <h1>{handbook.title}</h1>
        <p className="handbook-subtitle">{handbook.subtitle}</p>
        <p className="muted">
          {editionLine(handbook.edition, handbook.changedAt)} Utskriven {swedishDate(printedAt)}.
        </p>
        <p className="muted">{HANDBOOK_SOURCE}</p>
      </header>
      <nav className="handbook-contents" aria-labelledby="handbook-contents-title">
        <h2 id="handbook-contents-title">Innehåll</h2>
        <ol>
          {sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {sections.map((section) => (
        <HandbookSection key={section.id} section={section} />
      ))}
    </div>
  );
}
