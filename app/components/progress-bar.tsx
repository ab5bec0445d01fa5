/**
 * A labelled progress bar that screen readers announce as "Framsteg: 40 %".
 * `spokenLabel` is the screen reader's fuller name where a heading or cell
 * beside the bar already shows whose or what progress it is ("Framsteg i
 * Kommunikationsmodellen: 40 %"), so the page need not print it twice.
 */
export function ProgressBar({
  percent,
  label = "Framsteg",
  spokenLabel = label,
  detail,
}: {
  percent: number;
  label?: string;
  spokenLabel?: string;
  detail?: string;
}) {
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>{" "}
        <span className="progress-figure">
          {/* A no-break space: the number and its sign never part at the end of a line. */}
          {percent}&nbsp;%{detail ? <span className="muted"> ({detail})</span> : null}
        </span>
      </div>
      <progress max={100} value={percent} aria-label={`${spokenLabel}: ${percent} %`}>
        {percent} %
      </progress>
    </div>
  );
}

export const LESSON_TYPE_LABELS: Record<string, string> = {
  text: "Text",
  quiz: "Kunskapskontroll",
  reflection: "Reflektion",
  assignment: "Uppgift",
};

export const LESSON_STATUS_LABELS: Record<string, string> = {
  done: "Klar",
  started: "Påbörjad",
  "not-started": "Ej påbörjad",
  submitted: "Inlämnad, väntar på granskning",
  returned: "Returnerad, komplettera",
};
