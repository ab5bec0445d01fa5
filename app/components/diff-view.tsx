/** What changed between two states of a course, file by file: added lines marked +, removed lines −, as text and not by colour alone. */
export function DiffView({
  changes,
}: {
  changes: { file: string; title: string; status: "added" | "removed" | "changed"; parts: { kind: "same" | "added" | "removed"; text: string }[] }[];
}) {
  if (changes.length === 0) return <p className="empty">Inga skillnader.</p>;
  const STATUS = { added: "ny", removed: "borttagen", changed: "ändrad" } as const;
  return (
    <div className="diff">
      {changes.map((change) => (
        <section key={change.file} aria-label={`${change.title || change.file}: ${STATUS[change.status]}`}>
          <h4>
            {change.title || change.file} <span className="badge">{STATUS[change.status]}</span> <span className="muted small">{change.file}</span>
          </h4>
          <pre>
            {change.parts.map((part, i) =>
              part.kind === "same" ? (
                <span key={i} className="diff-same">
                  {trimContext(part.text)}
                </span>
              ) : part.kind === "added" ? (
                <ins key={i}>{prefixLines(part.text, "+ ")}</ins>
              ) : (
                <del key={i}>{prefixLines(part.text, "− ")}</del>
              ),
            )}
          </pre>
        </section>
      ))}
    </div>
  );
}

function prefixLines(text: string, prefix: string): string {
  return (
    text
      .replace(/\n$/, "")
      .split("\n")
      .map((line) => `${prefix}${line}`)
      .join("\n") + "\n"
  );
}

/** Long unchanged stretches shown as their first and last two lines. */
function trimContext(text: string): string {
  const lines = text.replace(/\n$/, "").split("\n");
  if (lines.length <= 5) return lines.map((l) => `  ${l}`).join("\n") + "\n";
  return (
    [...lines.slice(0, 2), `  … ${lines.length - 4} rader oförändrade …`, ...lines.slice(-2)].map((l) => (l.startsWith("  …") ? l : `  ${l}`)).join("\n") + "\n"
  );
}
