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
  /** The connection is gone and the upload waits to go on by itself (said in a live region). */
  waiting?: boolean;
  testId?: string;
};

export const NETWORK_WAIT_MESSAGE = "Waiting for the network… The upload goes on by itself once the connection is back; keep this page open.";

/** A progress bar with percent, bytes, speed and time left; one line of text that wraps at phone width. */
export function UploadProgress({ label, loaded, total, samples, rate, finishing, waiting = false, testId }: Props) {
  const percent = finishing ? 100 : total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
  const { bytesPerSecond, secondsLeft } = rate ?? (samples ? transferRate(samples, total) : { bytesPerSecond: null, secondsLeft: null });
  const figures = [`${percent}%`, `${formatBytes(loaded)} of ${formatBytes(total)}`];
  if (waiting) figures.push("paused");
  else {
    if (bytesPerSecond !== null) figures.push(bytesPerSecond > 0 ? formatRate(bytesPerSecond) : "waiting for the network…");
    if (secondsLeft !== null) figures.push(formatTimeLeft(secondsLeft));
  }
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
      {/* Always in the page, so that screen readers announce the words when they appear. */}
      <p className={waiting ? "small upload-progress-waiting m-0" : "visually-hidden"} role="status" data-testid={testId ? `${testId}-network` : undefined}>
        {waiting ? NETWORK_WAIT_MESSAGE : ""}
      </p>
    </div>
  );
}
