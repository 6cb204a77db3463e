"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { lazy, Suspense, useId, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { SONG_KEY_MAX, songSheetFields, songStatuses, songStatusLabel, songTempoSchema } from "@/features/songs/song.schema";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";
import { SongStatusBadge } from "./song-status-badge";
import { Alert } from "@/components/alert";
import { parseChart, transposeChart } from "../chart/chart.rules";
import { spellingFor, transposeKey, transposeOffsetLabel } from "../chart/transpose.rules";
import { ChordChart } from "./chord-chart";
import { SheetFromMusic } from "./sheet-from-music";
import { TransposeBar } from "./transpose-bar";
import { useTranspose } from "./use-transpose";

// The stage view's code loads when someone opens it, never with the page.
const StageView = lazy(() => import("./stage-view").then((m) => ({ default: m.StageView })));

type Song = RouterOutputs["song"]["get"];

/** The form's tempo is what the number field holds: empty means "no tempo". */
const sheetForm = songSheetFields.extend({
  tempoBpm: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(songTempoSchema),
});
const sheetFields = ["key", "tempoBpm", "status", "lyrics", "notes"] as const;

/**
 * The song sheet: key, tempo, status, the lyrics shown as a chord chart (transposable in
 * this browser, and on a stage view) and notes. Any member edits it; the chart is only
 * how the lyrics field is shown.
 */
export function SongSheet({ bandId, song: initial }: { bandId: string; song: Song }) {
  const utils = api.useUtils();
  const query = api.song.get.useQuery({ bandId, songId: initial.id }, { initialData: initial });
  const song = query.data ?? initial;
  const [editing, setEditing] = useState(false);
  const ids = { key: useId(), tempo: useId(), status: useId(), lyrics: useId(), notes: useId(), err: useId() };
  const values = { key: song.key ?? "", tempoBpm: song.tempoBpm?.toString() ?? "", status: song.status, lyrics: song.lyrics ?? "", notes: song.notes ?? "" };
  const form = useForm({ resolver: zodResolver(sheetForm), values });
  const update = api.song.update.useMutation({
    onSuccess: async () => {
      setEditing(false);
      await Promise.all([utils.song.get.invalidate({ bandId, songId: song.id }), utils.song.list.invalidate({ bandId })]);
    },
    onError: showServerError(form.setError, "root.server", sheetFields),
  });
  const errors = form.formState.errors;
  const [semitones, setSemitones] = useTranspose(song.id);
  const [stage, setStage] = useState(false);
  const written = useMemo(() => (song.lyrics ? parseChart(song.lyrics) : null), [song.lyrics]);
  // The song's key field leads; a {key:} in the sheet stands in when it is empty.
  const songKey = song.key ?? written?.key ?? null;
  const chart = useMemo(() => (written ? transposeChart(written, semitones, spellingFor(songKey, semitones)) : null), [written, semitones, songKey]);

  if (editing) {
    return (
      <section className="card card-tight stack-sm slot-sheet" id="song-sheet" aria-labelledby="sheet-heading">
        <h2 id="sheet-heading" className="section-title">
          Edit the song sheet
        </h2>
        <form className="stack-sm" noValidate onSubmit={form.handleSubmit((input) =>
            update.mutate({ bandId, songId: song.id, status: input.status, tempoBpm: input.tempoBpm, key: input.key ?? "", lyrics: input.lyrics ?? "", notes: input.notes ?? "" }),
          )}>
          <div className="sheet-facts-form">
            <div className="field">
              <label htmlFor={ids.key}>Key</label>
              <input id={ids.key} className="input" maxLength={SONG_KEY_MAX} placeholder="e.g. F#m" autoComplete="off" {...form.register("key")} {...fieldAria(errors.key, `${ids.err}-key`)} />
              <FieldError id={`${ids.err}-key`} error={errors.key} />
            </div>
            <div className="field">
              <label htmlFor={ids.tempo}>Tempo (BPM)</label>
              <input id={ids.tempo} className="input" type="number" inputMode="numeric" min={20} max={400} step={1} {...form.register("tempoBpm")} {...fieldAria(errors.tempoBpm, `${ids.err}-tempo`)} />
              <FieldError id={`${ids.err}-tempo`} error={errors.tempoBpm} />
            </div>
            <div className="field">
              <label htmlFor={ids.status}>Status</label>
              <select id={ids.status} className="select" {...form.register("status")}>
                {songStatuses.map((s) => (
                  <option key={s} value={s}>
                    {songStatusLabel[s]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <label htmlFor={ids.lyrics}>Lyrics and chords</label>
            <textarea id={ids.lyrics} className="textarea sheet-lyrics" rows={12} wrap="off" spellCheck={false} {...form.register("lyrics")} {...fieldAria(errors.lyrics, `${ids.err}-lyrics`)} />
            <p className="hint">
              Put a chord in brackets just before its syllable (<code>[Bm]Riding the [E]dark water</code>) or on a line of its own above the words.
              Mark parts with a line such as <code>Chorus:</code> or <code>{"{start_of_chorus}"}</code> … <code>{"{end_of_chorus}"}</code>; <code>{"{c: Slow}"}</code> adds a comment.
            </p>
            <FieldError id={`${ids.err}-lyrics`} error={errors.lyrics} />
          </div>
          <div className="field">
            <label htmlFor={ids.notes}>Notes</label>
            <textarea id={ids.notes} className="textarea" rows={3} {...form.register("notes")} {...fieldAria(errors.notes, `${ids.err}-notes`)} />
            <FieldError id={`${ids.err}-notes`} error={errors.notes} />
          </div>
          {errors.root?.server ? (
            <p className="field-error" role="alert">
              {errors.root.server.message}
            </p>
          ) : null}
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={update.isPending}>
              {update.isPending ? "Saving…" : "Save sheet"}
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                form.reset(values);
                setEditing(false);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      </section>
    );
  }

  const empty = !song.key && !song.tempoBpm && !song.lyrics && !song.notes;
  return (
    <section className="card card-tight stack-sm slot-sheet" id="song-sheet" aria-labelledby="sheet-heading" data-testid="song-sheet">
      <div className="row-between">
        <h2 id="sheet-heading" className="section-title m-0">
          Song sheet
        </h2>
        <button type="button" className="btn btn-secondary btn-sm" onClick={() => setEditing(true)}>
          Edit<span className="visually-hidden"> the song sheet</span>
        </button>
      </div>
      {query.error ? (
        <Alert as="p" tone="error">
          {userMessage(query.error)}
        </Alert>
      ) : null}
      <dl className="sheet-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <SongStatusBadge status={song.status} />
          </dd>
        </div>
        <div>
          <dt>Key</dt>
          <dd>
            {song.key ? (
              semitones !== 0 ? (
                <>
                  {transposeKey(song.key, semitones)} <span className="small muted">({transposeOffsetLabel(semitones)}, written {song.key})</span>
                </>
              ) : (
                song.key
              )
            ) : (
              <span className="faint">not set</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Tempo</dt>
          <dd>{song.tempoBpm ? `${song.tempoBpm} BPM` : <span className="faint">not set</span>}</dd>
        </div>
      </dl>
      <SheetFromMusic bandId={bandId} song={song} />
      {chart ? (
        <>
          <div className="sheet-tools">
            <TransposeBar songKey={songKey} semitones={semitones} onChange={setSemitones} />
            <button type="button" className="btn btn-secondary btn-sm" onClick={() => setStage(true)} aria-haspopup="dialog">
              Stage view
            </button>
          </div>
          <ChordChart chart={chart} />
          {stage ? (
            <Suspense fallback={<p className="small muted m-0" role="status">Opening the stage view…</p>}>
              <StageView title={song.title} chart={chart} songKey={songKey} semitones={semitones} onTranspose={setSemitones} onClose={() => setStage(false)} />
            </Suspense>
          ) : null}
        </>
      ) : null}
      {song.notes ? <p className="take-notes">{song.notes}</p> : null}
      {empty ? <p className="small muted m-0">No key, tempo, lyrics or notes yet. Anyone in the band can add them.</p> : null}
    </section>
  );
}
