"use client";

import type { VersionView } from "@/features/takes/take.view";
import { formatClock, formatRelative } from "@/lib/format-time";
import { takeMusicLine } from "@/features/analysis/take-music.rules";
import { takeLabel, uploaderName } from "./take-label";

type Props = {
  versions: VersionView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
};

/** The song's takes, newest first; choosing one loads it into the player. */
export function TakeList({ versions, selectedId, onSelect }: Props) {
  return (
    <ul className="list take-list" aria-label="Takes">
      {versions.map((version) => {
        const number = version.number;
        const selected = version.id === selectedId;
        const label = takeLabel(version, number);
        const music = takeMusicLine(version.analysisState, version.analysis);
        return (
          <li key={version.id} className={selected ? "selected" : undefined} data-testid="take-row">
            <button type="button" className="take-button" aria-current={selected ? "true" : undefined} onClick={() => onSelect(version.id)} data-take-id={version.id}>
              <span className="take-number" aria-hidden="true">
                {selected ? "♪" : number}
              </span>
              <span className="grow">
                <span className="take-title">
                  <span className="take-name user-text" data-testid="take-name">{label}</span>
                  {version.isBest ? (
                    <span className="badge badge-best" data-testid="best-badge">
                      ★ Best
                    </span>
                  ) : null}
                  {version.duplicateOf ? (
                    <span className="badge" title={`Same audio as Take ${version.duplicateOf.number} of ${version.duplicateOf.songTitle}`} data-testid="duplicate-badge">
                      Duplicate
                    </span>
                  ) : null}
                  <ProcessingBadge processing={version.processing} />
                </span>
                <span className="small muted take-meta">
                  {uploaderName(version)} ·{" "}
                  <time dateTime={version.createdAt.toISOString()} suppressHydrationWarning>
                    {formatRelative(version.createdAt)}
                  </time>
                  {version.commentCount > 0 ? ` · ${version.commentCount} ${version.commentCount === 1 ? "comment" : "comments"}` : ""}
                </span>
                {music ? (
                  <span className="small take-meta take-music" data-testid="take-music">
                    {music}
                  </span>
                ) : null}
              </span>
              <span className="take-duration mono" data-testid="take-duration">
                {formatClock(version.durationSeconds)}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** Nothing once a take is ready: only the states people need to notice. */
function ProcessingBadge({ processing }: { processing: VersionView["processing"] }) {
  if (processing === "READY") return null;
  if (processing === "FAILED") {
    return (
      <span className="badge badge-failed" data-testid="take-processing">
        Processing failed
      </span>
    );
  }
  return (
    <span className="badge" data-testid="take-processing">
      Processing…
    </span>
  );
}
