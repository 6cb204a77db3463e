"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { Icon } from "@/components/icon";
import { inputLevel } from "@/features/recording/input-level";
import { initialRecorderState, isCapturing, microphoneErrorMessage, nextRecorderState } from "@/features/recording/recorder-machine";
import { elapsedMs, formatTimer, pauseClock, resumeClock, startClock, type RecordingClock } from "@/features/recording/recording-clock";
import {
  newRecording,
  pickRecordingType,
  recordedTakeTitle,
  recordingFileName,
  recordingFrom,
  unfinishedRecordings,
  type StoredRecording,
} from "@/features/recording/recording-chunks";
import { appendChunk, deleteRecording, listRecordings, recordingBlob, saveRecording } from "@/features/recording/recording-store";
import { loadWhenOnline } from "@/features/takes/network-wait";
import { preloadUploader, UploadCancelled, uploadTake, type UploadedTake, type UploadProgress } from "@/features/takes/upload-take";
import { UploadProgress as UploadProgressBar } from "@/components/upload-progress";
import { LevelMeter } from "./level-meter";
import { Alert } from "@/components/alert";

type Props = {
  bandId: string;
  songId: string;
  maxUploadMb: number;
  onUploaded: (take: UploadedTake) => void | Promise<void>;
};

/** MediaRecorder hands over a chunk this often (ms): the most a crash can lose. */
const TIMESLICE_MS = 1000;

type Live = {
  stream: MediaStream;
  recorder: MediaRecorder;
  audio: AudioContext | null;
  frame: number;
  chunks: Blob[];
  /** Chunk writes, one after another, so each lands on the record the previous one left. */
  writes: Promise<void>;
};

/** Bytes sent so far, and whether the upload is waiting for the network to come back. */
type SendingState = UploadProgress & { waiting: boolean };

type OfferState = { kind: "idle" } | { kind: "uploading"; progress: SendingState } | { kind: "failed"; message: string };

/** Record a take with the device's microphone; the recording is kept in the browser until it is uploaded. */
export function RecordTake({ bandId, songId, maxUploadMb, onUploaded }: Props) {
  const [state, dispatch] = useReducer(nextRecorderState, initialRecorderState);
  const [elapsed, setElapsed] = useState(0);
  const [level, setLevel] = useState(0);
  const [progress, setProgress] = useState<SendingState | null>(null);
  const [storageWarning, setStorageWarning] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [offers, setOffers] = useState<{ recording: StoredRecording; state: OfferState }[]>([]);
  // Whether the recordings kept in this browser have been read (then `offers` is what they left).
  const [storedChecked, setStoredChecked] = useState(false);
  const live = useRef<Live | null>(null);
  const clock = useRef<RecordingClock | null>(null);
  const stored = useRef<StoredRecording | null>(null);
  const finished = useRef<{ recording: StoredRecording; blob: Blob } | null>(null);
  const bar = useRef<HTMLDivElement>(null);

  // Recordings a reload or a crash left behind, for this song.
  useEffect(() => {
    let cancelled = false;
    Promise.all([listRecordings(), recordingsInProgress()])
      .then(([all, elsewhere]) => {
        if (cancelled) return;
        const left = unfinishedRecordings(all, songId, stored.current?.id ?? null).filter((r) => !elsewhere.has(r.id));
        setOffers(left.map((recording) => ({ recording, state: { kind: "idle" } })));
        setStoredChecked(true);
      })
      .catch(() => {
        // No IndexedDB (a private window in some browsers): nothing can have been kept.
        if (!cancelled) setStoredChecked(true);
      });
    return () => {
      cancelled = true;
    };
  }, [songId]);


  // Leaving the page stops the microphone without uploading; what was recorded stays
  // stored (its last chunk too) and is offered on return.
  useEffect(
    () => () => {
      const current = live.current;
      live.current = null;
      if (current && current.recorder.state !== "inactive") current.recorder.stop();
      if (current) releaseDevices(current);
    },
    [],
  );

  const capturing = isCapturing(state);
  const busy = capturing || state.kind === "uploading" || offers.some((o) => o.state.kind === "uploading");

  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy]);

  // The timer, and a last chunk handed over when the tab is hidden (it may not come back).
  useEffect(() => {
    if (!capturing) return;
    const tick = window.setInterval(() => clock.current && setElapsed(elapsedMs(clock.current, Date.now())), 250);
    const onHidden = () => {
      if (document.visibilityState === "hidden" && live.current?.recorder.state === "recording") live.current.recorder.requestData();
    };
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      window.clearInterval(tick);
      document.removeEventListener("visibilitychange", onHidden);
    };
  }, [capturing]);

  const send = useCallback(
    async (recording: StoredRecording, blob: Blob, onChange: (update: (previous: SendingState) => SendingState) => void): Promise<UploadedTake> => {
      const file = await recordingFile(recording, blob, (waiting) => onChange((previous) => ({ ...previous, waiting })));
      const take = await uploadTake(
        { bandId, songId, file, title: recordedTakeTitle(recording.startedAt) },
        {
          maxUploadMb,
          onProgress: (p) => onChange((previous) => ({ ...previous, ...p })),
          onWaiting: (waiting) => onChange((previous) => ({ ...previous, waiting })),
        },
      );
      // Only now is the stored copy no longer needed.
      await deleteRecording(recording.id).catch(() => {});
      return take;
    },
    [bandId, songId, maxUploadMb],
  );

  const uploadFinished = useCallback(async () => {
    const current = finished.current;
    if (!current) return;
    setProgress({ loaded: 0, total: current.blob.size, waiting: false });
    try {
      const take = await send(current.recording, current.blob, (update) => setProgress((previous) => (previous ? update(previous) : previous)));
      finished.current = null;
      stored.current = null;
      dispatch({ type: "uploaded" });
      setDone(`The recording is uploaded as “${recordedTakeTitle(current.recording.startedAt)}”.`);
      await onUploaded(take);
    } catch (error) {
      dispatch({ type: "uploadFailed", message: uploadFailure(error) });
    } finally {
      setProgress(null);
    }
  }, [send, onUploaded]);

  async function start() {
    // What sending the take needs, fetched now: the recording may end in a dead spot.
    preloadUploader();
    void loadWebmFix().catch(() => {});
    setDone(null);
    setStorageWarning(null);
    dispatch({ type: "request" });
    if (typeof MediaRecorder === "undefined" || !navigator.mediaDevices?.getUserMedia) {
      dispatch({ type: "refused", message: microphoneErrorMessage("Unsupported") });
      return;
    }
    let stream: MediaStream;
    try {
      // A band, not a voice call: no echo cancelling, noise gating or automatic gain.
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    } catch (error) {
      dispatch({ type: "refused", message: microphoneErrorMessage(error instanceof Error ? error.name : undefined) });
      return;
    }
    const type = pickRecordingType((t) => MediaRecorder.isTypeSupported(t));
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    } catch {
      stream.getTracks().forEach((track) => track.stop());
      dispatch({ type: "refused", message: microphoneErrorMessage("NotSupportedError") });
      return;
    }

    const startedAt = Date.now();
    const recording = newRecording({ id: crypto.randomUUID(), bandId, songId, mimeType: recorder.mimeType || type || "audio/webm", startedAt });
    stored.current = recording;
    holdWhileRecording(recording.id, recorder);
    const current: Live = { stream, recorder, audio: null, frame: 0, chunks: [], writes: Promise.resolve() };
    live.current = current;
    const keepFailed = () =>
      setStorageWarning("This browser cannot keep the recording while it is made, so do not reload or close this page until it is uploaded.");
    current.writes = saveRecording(recording).catch(keepFailed);

    recorder.ondataavailable = (event) => {
      if (event.data.size === 0) return;
      current.chunks.push(event.data);
      const duration = clock.current ? elapsedMs(clock.current, Date.now()) : 0;
      current.writes = current.writes.then(async () => {
        if (!stored.current || stored.current.id !== recording.id) return;
        try {
          stored.current = await appendChunk(stored.current, event.data, duration);
        } catch {
          keepFailed();
        }
      });
    };
    recorder.onerror = () => {
      releaseDevices(current);
      dispatch({ type: "refused", message: microphoneErrorMessage("NotReadableError") });
    };
    recorder.onstop = () => {
      releaseDevices(current);
      void current.writes.then(() => {
        if (live.current !== current) return;
        live.current = null;
        const total = clock.current ? elapsedMs(clock.current, Date.now()) : 0;
        const kept = { ...(stored.current ?? recording), durationMs: Math.max(stored.current?.durationMs ?? 0, total) };
        finished.current = { recording: kept, blob: new Blob(current.chunks, { type: kept.mimeType }) };
        dispatch({ type: "stopped" });
        void uploadFinished();
      });
    };
    // A track that ends on its own (unplugged, permission revoked) ends the recording as it is.
    stream.getAudioTracks()[0]?.addEventListener("ended", () => {
      if (recorder.state !== "inactive") stop();
    });

    startMeter(current);
    recorder.start(TIMESLICE_MS);
    clock.current = startClock(Date.now());
    setElapsed(0);
    dispatch({ type: "started" });
  }

  function startMeter(current: Live) {
    try {
      const audio = new AudioContext();
      const analyser = audio.createAnalyser();
      analyser.fftSize = 2048;
      audio.createMediaStreamSource(current.stream).connect(analyser);
      current.audio = audio;
      const samples = new Float32Array(analyser.fftSize);
      let lastSpoken = 0;
      const draw = (now: number) => {
        analyser.getFloatTimeDomainData(samples);
        const value = current.recorder.state === "recording" ? inputLevel(samples) : 0;
        if (bar.current) bar.current.style.transform = `scaleX(${value})`;
        if (now - lastSpoken > 500) {
          lastSpoken = now;
          setLevel(value);
        }
        current.frame = requestAnimationFrame(draw);
      };
      current.frame = requestAnimationFrame(draw);
    } catch {
      // No Web Audio: the recording works without a meter.
    }
  }

  function pause() {
    const current = live.current;
    if (!current || current.recorder.state !== "recording") return;
    current.recorder.pause();
    // What was recorded so far is stored before the pause, not a second later.
    current.recorder.requestData();
    if (clock.current) clock.current = pauseClock(clock.current, Date.now());
    dispatch({ type: "pause" });
  }

  function resume() {
    const current = live.current;
    if (!current || current.recorder.state !== "paused") return;
    current.recorder.resume();
    if (clock.current) clock.current = resumeClock(clock.current, Date.now());
    dispatch({ type: "resume" });
  }

  function stop() {
    const current = live.current;
    if (!current || current.recorder.state === "inactive") return;
    if (clock.current) {
      clock.current = pauseClock(clock.current, Date.now());
      setElapsed(elapsedMs(clock.current, Date.now()));
    }
    dispatch({ type: "stop" });
    current.recorder.stop();
  }

  async function discardFinished() {
    const current = finished.current;
    finished.current = null;
    stored.current = null;
    if (current) await deleteRecording(current.recording.id).catch(() => {});
    dispatch({ type: "reset" });
  }

  function setOffer(id: string, next: OfferState | null) {
    setOffers((list) => (next ? list.map((o) => (o.recording.id === id ? { ...o, state: next } : o)) : list.filter((o) => o.recording.id !== id)));
  }

  async function uploadOffer(recording: StoredRecording) {
    setOffer(recording.id, { kind: "uploading", progress: { loaded: 0, total: recording.bytes, waiting: false } });
    try {
      const blob = await recordingBlob(recording);
      const take = await send(recording, blob, (update) =>
        setOffers((list) => list.map((o) => (o.recording.id === recording.id && o.state.kind === "uploading" ? { ...o, state: { kind: "uploading", progress: update(o.state.progress) } } : o))),
      );
      setOffer(recording.id, null);
      setDone(`The recording is uploaded as “${recordedTakeTitle(recording.startedAt)}”.`);
      await onUploaded(take);
    } catch (error) {
      setOffer(recording.id, { kind: "failed", message: uploadFailure(error) });
    }
  }

  async function discardOffer(recording: StoredRecording) {
    await deleteRecording(recording.id).catch(() => {});
    setOffer(recording.id, null);
  }

  return (
    <section className="stack-sm recorder" aria-labelledby="record-heading" data-testid="recorder" data-stored-checked={storedChecked ? "true" : "false"}>
      <h2 id="record-heading" className="section-title">
        Record a take
      </h2>

      {offers.length > 0 ? (
        <ul className="stack-sm recording-offers" aria-label="Unfinished recordings">
          {offers.map(({ recording, state: offer }) => (
            <Alert key={recording.id} as="li" tone="info" announce={false} className="recording-offer" data-testid="recording-offer">
              <span>
                {recordingFrom(recording.startedAt, Date.now())}, {formatTimer(recording.durationMs)} long, was not uploaded.
              </span>
              {offer.kind === "uploading" ? (
                <UploadProgressBar loaded={offer.progress.loaded} total={offer.progress.total} waiting={offer.progress.waiting} label="Recording upload progress" />
              ) : (
                <div className="row recording-offer-actions">
                  <button type="button" className="btn btn-primary btn-sm" onClick={() => void uploadOffer(recording)}>
                    {offer.kind === "failed" ? "Try again" : "Upload"}
                  </button>
                  <button type="button" className="btn btn-ghost btn-sm" onClick={() => void discardOffer(recording)}>
                    Discard
                  </button>
                </div>
              )}
              {offer.kind === "failed" ? (
                <p className="field-error m-0" role="alert">
                  {offer.message}
                </p>
              ) : null}
            </Alert>
          ))}
        </ul>
      ) : null}

      <div className="recorder-panel">
        <div className="recorder-readout">
          <span className={`recorder-dot${state.kind === "recording" ? " is-live" : ""}`} aria-hidden="true" />
          <span className="recorder-timer mono" role="timer" aria-label="Recorded time" data-testid="recorder-timer">
            {formatTimer(elapsed)}
          </span>
          <span className="small muted recorder-status" aria-live="polite" data-testid="recorder-status">
            {statusText(state.kind)}
          </span>
        </div>
        {capturing ? <LevelMeter ref={bar} level={level} active={state.kind === "recording"} /> : null}
        <div className="row recorder-controls">
          {state.kind === "recording" || state.kind === "paused" ? (
            <>
              {state.kind === "recording" ? (
                <button type="button" className="btn btn-secondary" onClick={pause}>
                  Pause
                </button>
              ) : (
                <button type="button" className="btn btn-secondary" onClick={resume}>
                  Resume
                </button>
              )}
              <button type="button" className="btn btn-primary" onClick={stop}>
                Stop and upload
              </button>
            </>
          ) : state.kind === "idle" || (state.kind === "failed" && !state.canRetry) ? (
            <button type="button" className="btn btn-primary" onClick={() => void start()}>
              <Icon name="mic" size={18} aria-hidden="true" /> Record
            </button>
          ) : null}
        </div>
      </div>

      {progress ? (
        <UploadProgressBar loaded={progress.loaded} total={progress.total} waiting={progress.waiting} label="Recording upload progress" testId="recording-upload-progress" />
      ) : null}

      {state.kind === "failed" ? (
        <Alert tone="error" className="stack-sm">
          <span>{state.message}</span>
          {state.canRetry ? (
            <div className="row">
              <button type="button" className="btn btn-primary btn-sm" onClick={() => {
                  dispatch({ type: "retry" });
                  void uploadFinished();
                }}>
                Try again
              </button>
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => void discardFinished()}>
                Discard the recording
              </button>
            </div>
          ) : null}
        </Alert>
      ) : null}
      {storageWarning ? (
        <Alert as="p" tone="warning" className="m-0">
          {storageWarning}
        </Alert>
      ) : null}
      {done ? (
        <Alert as="p" tone="success" className="m-0">
          {done}
        </Alert>
      ) : null}
    </section>
  );
}

const LOCK_PREFIX = "rehearsalhub-recording:";

/**
 * A Web Lock held while a recording is being made, so another tab of the same
 * song does not offer it as unfinished. The browser drops it when the tab
 * reloads or dies, which is exactly when the recording becomes unfinished.
 */
function holdWhileRecording(id: string, recorder: MediaRecorder) {
  if (!navigator.locks) return;
  void navigator.locks
    .request(LOCK_PREFIX + id, () => new Promise<void>((resolve) => recorder.addEventListener("stop", () => resolve(), { once: true })))
    .catch(() => {});
}

async function recordingsInProgress(): Promise<Set<string>> {
  if (!navigator.locks) return new Set();
  const { held = [] } = await navigator.locks.query();
  return new Set(held.flatMap((lock) => (lock.name?.startsWith(LOCK_PREFIX) ? [lock.name.slice(LOCK_PREFIX.length)] : [])));
}

/** The microphone's light goes off, the meter stops. */
function releaseDevices(current: Live) {
  cancelAnimationFrame(current.frame);
  current.stream.getTracks().forEach((track) => track.stop());
  if (current.audio && current.audio.state !== "closed") void current.audio.close().catch(() => {});
}

function statusText(kind: ReturnType<typeof nextRecorderState>["kind"]): string {
  switch (kind) {
    case "idle":
      return "Ready. The recording is kept on this device until it is uploaded.";
    case "requesting":
      return "Asking for the microphone…";
    case "recording":
      return "Recording";
    case "paused":
      return "Paused";
    case "stopping":
      return "Finishing the recording…";
    case "uploading":
      return "Uploading the recording…";
    case "failed":
      return "Stopped";
  }
}

const loadWebmFix = () => import("fix-webm-duration");

function uploadFailure(error: unknown): string {
  if (error instanceof UploadCancelled) return "The upload was cancelled. The recording is still kept on this device.";
  const reason = error instanceof Error ? error.message : "The upload failed.";
  return `${reason} The recording is still kept on this device.`;
}

/**
 * The take's file. MediaRecorder's WebM has no duration in its header (it is
 * written as a live stream), so players and metadata readers cannot tell its
 * length; it is put in before upload from the recorded time.
 */
async function recordingFile(recording: StoredRecording, blob: Blob, onWaiting: (waiting: boolean) => void): Promise<File> {
  const type = recording.mimeType.split(";")[0]!.trim();
  // Fetched when a recording starts (the song page is interactive without it), and
  // waited for here when that did not happen (no connection since).
  const fix = type === "audio/webm" || type === "video/webm" ? await loadWhenOnline(loadWebmFix, { onWaiting }) : null;
  const body = fix ? await fix.default(blob, recording.durationMs, { logger: false }) : blob;
  return new File([body], recordingFileName(recording.startedAt, recording.mimeType), { type });
}
