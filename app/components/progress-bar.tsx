/** A labelled progress bar that screen readers announce as "Framsteg: 40 %". */
export function ProgressBar({ percent, label = "Framsteg", detail }: { percent: number; label?: string; detail?: string }) {
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>{" "}
        <span className="progress-figure">
          {/* A no-break space: the number and its sign never part at the end of a line. */}
          {percent}&nbsp;%{detail ? <span className="muted"> ({detail})</span> : null}
        </span>
      </div>
      <progress max={100} value={percent} aria-label={`${label}: ${percent} %`}>
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
