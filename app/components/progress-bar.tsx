/** A labelled progress bar that screen readers announce as "Framsteg: 40 %". */
export function ProgressBar({ percent, label = "Framsteg", detail }: { percent: number; label?: string; detail?: string }) {
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        <span>
          {percent} %{detail ? <span className="muted"> ({detail})</span> : null}
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
