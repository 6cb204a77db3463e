"use client";

import { useEffect, useState } from "react";
import { parseAudiowaveform, toWaveformPeaks, type WaveformPeaks } from "../peaks";

export type PeaksState = { state: "none" } | { state: "loading" } | { state: "ready"; peaks: WaveformPeaks } | { state: "missing" } | { state: "error" };

/** The take's waveform data; "missing" while processing has not made it yet (404). */
export function usePeaks(url: string | null): PeaksState {
  const [result, setResult] = useState<{ url: string | null; value: PeaksState }>({ url: null, value: { state: "none" } });
  useEffect(() => {
    if (!url) return;
    const abort = new AbortController();
    fetch(url, { signal: abort.signal, credentials: "same-origin" })
      .then(async (res) => {
        if (res.status === 404) return { state: "missing" } as const;
        if (!res.ok) return { state: "error" } as const;
        const parsed = parseAudiowaveform(await res.json());
        return parsed ? ({ state: "ready", peaks: toWaveformPeaks(parsed) } as const) : ({ state: "error" } as const);
      })
      .then((value) => setResult({ url, value }))
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === "AbortError")) setResult({ url, value: { state: "error" } });
      });
    return () => abort.abort();
  }, [url]);
  if (!url) return { state: "missing" };
  return result.url === url ? result.value : { state: "loading" };
}
