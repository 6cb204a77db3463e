"use client";

import { useState } from "react";
import { api } from "@/trpc/react";
import { userMessage } from "@/lib/user-message";
import { envelope, type WaveformPeaks } from "../peaks";
import { confidenceWording, suggestOffset, type OffsetSuggestion, type TakeSignal } from "../align-takes";
import { normalizeOffset } from "../align-strip";
import { AlignStrips } from "./align-strips";
import { usePeaks } from "./use-peaks";

type Take = { id: string; songId: string; offsetSeconds: number; peaksUrl: string | null; label: string };

const READ_ONLY_REASON = "Only the uploader or an admin can change it.";

function signalOf(peaks: WaveformPeaks): TakeSignal {
  const pixels = (peaks.channels[0]?.length ?? 0) / 2;
  return { envelope: envelope(peaks), frameRate: peaks.duration > 0 ? pixels / peaks.duration : 0 };
}

const signed = (seconds: number) => `${seconds > 0 ? "+" : seconds < 0 ? "−" : ""}${Math.abs(seconds).toFixed(1)} s`;

/**
 * Where this take's music starts, so switching takes lands on the same
 * moment: drag its waveform against another take's, nudge it by hand, or
 * take the offset suggested by lining up the two loudness envelopes.
 */
export function AlignTake({ bandId, take, reference, canEdit }: { bandId: string; take: Take; reference: Take | null; canEdit: boolean }) {
  const utils = api.useUtils();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<number>(take.offsetSeconds);
  const [draft, setDraft] = useState<number>(take.offsetSeconds);
  // A newly saved offset becomes the draft, unless someone is mid-way through changing it.
  // (State adjusted while rendering, React's pattern for state derived from changing data.)
  if (take.offsetSeconds !== saved) {
    setSaved(take.offsetSeconds);
    if (draft === saved) setDraft(take.offsetSeconds);
  }
  const [note, setNote] = useState<string | null>(null);
  const [suggestion, setSuggestion] = useState<OffsetSuggestion | null>(null);
  // Loaded once the panel is opened, not with every song page.
  const referencePeaks = usePeaks(open && reference ? reference.peaksUrl : null);
  const takePeaks = usePeaks(open ? take.peaksUrl : null);
  const save = api.version.update.useMutation({
    onSuccess: async () => {
      setNote("Offset saved.");
      await utils.version.list.invalidate({ bandId, songId: take.songId });
    },
    onError: (e) => setNote(userMessage(e)),
  });
  const change = (next: number) => {
    setDraft(normalizeOffset(next));
    setNote(null);
  };
  const nudge = (delta: number) => change(draft + delta);

  function suggest() {
    if (!reference || referencePeaks.state !== "ready" || takePeaks.state !== "ready") return;
    const found = suggestOffset(signalOf(referencePeaks.peaks), signalOf(takePeaks.peaks));
    setSuggestion(found);
    if (!found) {
      setNote("These takes are too quiet or too short to line up; nudge by ear.");
      return;
    }
    setDraft(normalizeOffset(reference.offsetSeconds + found.seconds));
    setNote(null);
  }
  const offsetFor = (seconds: number) => (reference ? normalizeOffset(reference.offsetSeconds + seconds) : seconds);

  const canSuggest = referencePeaks.state === "ready" && takePeaks.state === "ready";

  return (
    <details className="align-take card card-tight" data-testid="align-take" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Align with the other takes · offset {take.offsetSeconds.toFixed(1)} s</summary>
      <div className="stack-sm" style={{ marginTop: 8 }}>
        <p className="small muted m-0">
          How far into this file the music starts. Takes with the right offsets switch at the same moment of the song.
        </p>
        {open && reference ? (
          <AlignStrips
            reference={{ label: reference.label, offsetSeconds: reference.offsetSeconds, peaks: referencePeaks }}
            take={{ label: take.label, peaks: takePeaks }}
            offset={draft}
            saved={take.offsetSeconds}
            canEdit={canEdit}
            readOnlyReason={READ_ONLY_REASON}
            onChange={change}
          />
        ) : null}
        <div className="row player-buttons" role="group" aria-label="Nudge the offset">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => nudge(-1)} disabled={!canEdit}>−1 s</button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => nudge(-0.1)} disabled={!canEdit}>−0.1 s</button>
          <output className="mono align-value" data-testid="align-draft" aria-live="polite">{draft.toFixed(1)} s</output>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => nudge(0.1)} disabled={!canEdit}>+0.1 s</button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => nudge(1)} disabled={!canEdit}>+1 s</button>
        </div>
        <div className="row player-buttons">
          {reference?.peaksUrl && take.peaksUrl ? (
            <button type="button" className="btn btn-secondary btn-sm" onClick={suggest} disabled={!canEdit || !canSuggest} data-testid="align-suggest">
              {!canSuggest && (referencePeaks.state === "loading" || takePeaks.state === "loading") ? "Loading the waveforms…" : `Suggest from ${reference.label}`}
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-primary btn-sm"
            disabled={!canEdit || save.isPending || draft === take.offsetSeconds}
            onClick={() => save.mutate({ bandId, versionId: take.id, offsetSeconds: draft })}
            data-testid="align-save"
          >
            {save.isPending ? "Saving…" : "Save offset"}
          </button>
        </div>
        {suggestion && reference ? <SuggestionChoices suggestion={suggestion} referenceLabel={reference.label} draft={draft} offsetFor={offsetFor} onApply={change} /> : null}
        {!canEdit && !(open && reference) ? <p className="hint m-0">{READ_ONLY_REASON}</p> : null}
        {note ? <p className="small m-0" role="status">{note}</p> : null}
      </div>
    </details>
  );
}

/** What "Suggest" found: how sure it is, and the best shifts, each a button that applies it. */
function SuggestionChoices({ suggestion, referenceLabel, draft, offsetFor, onApply }: { suggestion: OffsetSuggestion; referenceLabel: string; draft: number; offsetFor: (seconds: number) => number; onApply: (offset: number) => void }) {
  const { level, words } = confidenceWording(suggestion.confidence);
  return (
    <div className="stack-sm align-suggestion" data-testid="align-suggestion">
      <p className="small m-0" role="status">
        Suggested from {referenceLabel}: <span className={`align-confidence is-${level}`} data-testid="align-confidence">{words}</span>. Check by switching takes, then save.
      </p>
      {suggestion.candidates.length > 1 ? (
        <div className="row player-buttons align-candidates" role="group" aria-label="Suggested offsets, best first">
          {suggestion.candidates.map((c, i) => {
            const offset = offsetFor(c.seconds);
            const chosen = Math.abs(offset - draft) < 0.05;
            return (
              <button
                key={c.seconds}
                type="button"
                className="btn btn-ghost btn-sm"
                aria-pressed={chosen}
                onClick={() => onApply(offset)}
                data-testid="align-candidate"
                title={`Lines up ${Math.round(c.score * 100)} % (${signed(c.seconds)} against ${referenceLabel})`}
              >
                {offset.toFixed(1)} s{i === 0 ? " · best" : ""}
              </button>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
