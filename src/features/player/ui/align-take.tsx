"use client";

import { useState } from "react";
import { api } from "@/trpc/react";
import { userMessage } from "@/lib/user-message";
import { OFFSET_SECONDS_MAX } from "@/features/versions/version.schema";
import { audiowaveformSchema, envelope, toWaveformPeaks } from "../peaks";
import { resampleEnvelope, suggestOffsetDifference } from "../align-takes";

type Take = { id: string; songId: string; offsetSeconds: number; peaksUrl: string | null; label: string };

const FRAME_RATE = 10;

async function envelopeOf(url: string): Promise<number[]> {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) throw new Error("no peaks");
  const json = audiowaveformSchema.parse(await res.json());
  return resampleEnvelope(envelope(toWaveformPeaks(json)), json.sample_rate / json.samples_per_pixel, FRAME_RATE);
}

/**
 * Where this take's music starts, so switching takes lands on the same
 * moment: nudge it by hand, or take the offset suggested by lining up its
 * loudness envelope with another take's.
 */
export function AlignTake({ bandId, take, reference, canEdit }: { bandId: string; take: Take; reference: Take | null; canEdit: boolean }) {
  const utils = api.useUtils();
  const [draft, setDraft] = useState<number>(take.offsetSeconds);
  const [note, setNote] = useState<string | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const save = api.version.update.useMutation({
    onSuccess: async () => {
      setNote("Offset saved.");
      await utils.version.list.invalidate({ bandId, songId: take.songId });
    },
    onError: (e) => setNote(userMessage(e)),
  });
  const nudge = (delta: number) => setDraft((d) => Math.max(-OFFSET_SECONDS_MAX, Math.min(OFFSET_SECONDS_MAX, Math.round((d + delta) * 10) / 10)));

  async function suggest() {
    if (!reference?.peaksUrl || !take.peaksUrl) return;
    setSuggesting(true);
    setNote(null);
    try {
      const [ref, mine] = await Promise.all([envelopeOf(reference.peaksUrl), envelopeOf(take.peaksUrl)]);
      const diff = suggestOffsetDifference(ref, mine, FRAME_RATE);
      if (diff == null) setNote("These takes are too quiet or too short to line up; nudge by ear.");
      else {
        setDraft(Math.round((reference.offsetSeconds + diff) * 10) / 10);
        setNote(`Suggested from ${reference.label}: check by switching takes, then save.`);
      }
    } catch {
      setNote("The waveforms could not be loaded; nudge by ear.");
    } finally {
      setSuggesting(false);
    }
  }

  return (
    <details className="align-take card card-tight" data-testid="align-take">
      <summary>Align with the other takes · offset {take.offsetSeconds.toFixed(1)} s</summary>
      <div className="stack-sm" style={{ marginTop: 8 }}>
        <p className="small muted" style={{ margin: 0 }}>
          How far into this file the music starts. Takes with the right offsets switch at the same moment of the song.
        </p>
        <div className="row player-buttons" role="group" aria-label="Nudge the offset">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => nudge(-1)} disabled={!canEdit}>−1 s</button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => nudge(-0.1)} disabled={!canEdit}>−0.1 s</button>
          <output className="mono align-value" data-testid="align-draft" aria-live="polite">{draft.toFixed(1)} s</output>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => nudge(0.1)} disabled={!canEdit}>+0.1 s</button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => nudge(1)} disabled={!canEdit}>+1 s</button>
        </div>
        <div className="row player-buttons">
          {reference?.peaksUrl && take.peaksUrl ? (
            <button type="button" className="btn btn-secondary btn-sm" onClick={() => void suggest()} disabled={!canEdit || suggesting}>
              {suggesting ? "Listening…" : `Suggest from ${reference.label}`}
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-primary btn-sm"
            disabled={!canEdit || save.isPending || draft === take.offsetSeconds}
            onClick={() => save.mutate({ bandId, versionId: take.id, offsetSeconds: draft })}
          >
            {save.isPending ? "Saving…" : "Save offset"}
          </button>
        </div>
        {!canEdit ? <p className="hint" style={{ margin: 0 }}>Only the uploader or an admin can change it.</p> : null}
        {note ? <p className="small" role="status" style={{ margin: 0 }}>{note}</p> : null}
      </div>
    </details>
  );
}
