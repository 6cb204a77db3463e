import { formatBytes } from "@/lib/format-time";

type Props = { loaded: number; total: number; label: string; testId?: string };

/** One progress bar with its figures: bytes sent of all bytes to send. */
export function UploadBar({ loaded, total, label, testId }: Props) {
  const percent = total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
  return (
    <div className="stack-sm" style={{ gap: 4 }}>
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid={testId}>
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <span className="small muted">
        {percent}% · {formatBytes(loaded)} of {formatBytes(total)}
      </span>
    </div>
  );
}
