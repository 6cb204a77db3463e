import { formatBytes } from "@/lib/format-time";
import { formatRate, formatTimeLeft, transferRate, type ProgressSample, type TransferRate } from "@/lib/transfer-rate";

type Props = {
  /** What is moving, e.g. "Uploading “take.wav”" (also the progress bar's accessible name). */
  label: string;
  loaded: number;
  total: number;
  /** Recent progress samples (see addSample) or an already computed rate. */
  samples?: readonly ProgressSample[];
  rate?: TransferRate;
  /** Shown instead of the figures once every byte is sent and the server is still at work. */
  finishing?: string;
  testId?: string;
};

/** A progress bar with percent, bytes, speed and time left; one line of text that wraps at phone width. */
export function UploadProgress({ label, loaded, total, samples, rate, finishing, testId }: Props) {
  const percent = finishing ? 100 : total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
  const { bytesPerSecond, secondsLeft } = rate ?? (samples ? transferRate(samples, total) : { bytesPerSecond: null, secondsLeft: null });
  const figures = [`${percent}%`, `${formatBytes(loaded)} of ${formatBytes(total)}`];
  if (bytesPerSecond !== null) figures.push(bytesPerSecond > 0 ? formatRate(bytesPerSecond) : "waiting for the network…");
  if (secondsLeft !== null) figures.push(formatTimeLeft(secondsLeft));
  return (
    <div className="stack-sm upload-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={finishing ?? figures.join(", ")}
        data-testid={testId}
      >
        <div className={`progress-bar${finishing ? " is-processing" : ""}`} style={{ width: `${percent}%` }} />
      </div>
      <p className="small muted upload-progress-figures m-0" data-testid={testId ? `${testId}-figures` : undefined}>
        {finishing ?? figures.join(" · ")}
      </p>
    </div>
  );
}
