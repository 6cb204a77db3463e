"use client";

import { useQuery } from "@tanstack/react-query";
import { musicAnalysisSchema, type MusicAnalysis } from "../analysis.schema";

/** The URL of a take's analysis (404 until it is made). */
export function analysisUrl(versionId: string): string {
  return `/api/versions/${encodeURIComponent(versionId)}/analysis`;
}

/**
 * A take's music analysis, fetched once per take and shared by every part of
 * the page that draws it (bars, click track, tempo and chord lanes).
 * `data` is null while the take has none (not made yet, or nothing to
 * understand); pass `enabled: false` until the take view says it exists.
 */
export function useTakeAnalysis(versionId: string | null, enabled = true) {
  return useQuery<MusicAnalysis | null>({
    queryKey: ["take-analysis", versionId],
    enabled: Boolean(versionId) && enabled,
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      const res = await fetch(analysisUrl(versionId!), { signal, credentials: "same-origin" });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`The analysis could not be loaded (${res.status}).`);
      const parsed = musicAnalysisSchema.safeParse(await res.json());
      if (!parsed.success) throw new Error("The analysis could not be read.");
      return parsed.data;
    },
  });
}
