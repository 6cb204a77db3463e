"use client";

import { useMemo } from "react";
import { detectedLine, sheetFromMusic } from "@/features/analysis/sheet-from-music.rules";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";

type Song = RouterOutputs["song"]["get"];

/**
 * What the takes say about the sheet: the detected key and tempo offered for
 * its empty fields (one click saves them), and a calm word where the best take
 * and the sheet disagree. Any member may edit the sheet, so any member sees the offer.
 */
export function SheetFromMusic({ bandId, song }: { bandId: string; song: Song }) {
  const utils = api.useUtils();
  // The song page's own list of takes (the same query, so no second request).
  const takes = api.version.list.useQuery({ bandId, songId: song.id });
  const advice = useMemo(() => (takes.data ? sheetFromMusic({ key: song.key, tempoBpm: song.tempoBpm }, takes.data) : null), [takes.data, song.key, song.tempoBpm]);
  const save = api.song.update.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.song.get.invalidate({ bandId, songId: song.id }), utils.song.list.invalidate({ bandId })]);
    },
  });
  if (!advice || (!advice.offer && advice.differences.length === 0)) return null;
  const { offer } = advice;

  return (
    <div className="stack-sm sheet-music" data-testid="sheet-from-music">
      {offer ? (
        <div className="row-between">
          <p className="m-0" data-testid="sheet-detected">
            {detectedLine(offer)} <span className="small muted">(from {advice.source.toLowerCase()})</span>
          </p>
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            disabled={save.isPending}
            onClick={() =>
              save.mutate({ bandId, songId: song.id, ...(offer.key ? { key: offer.key } : {}), ...(offer.tempoBpm ? { tempoBpm: offer.tempoBpm } : {}) })
            }
          >
            {save.isPending ? "Saving…" : offer.key && offer.tempoBpm ? "Use these" : "Use it"}
          </button>
        </div>
      ) : null}
      {advice.differences.map((line) => (
        <p key={line} className="small muted m-0" data-testid="sheet-difference">
          {line}
        </p>
      ))}
      {save.error ? (
        <p className="field-error m-0" role="alert">
          {userMessage(save.error)}
        </p>
      ) : null}
    </div>
  );
}
