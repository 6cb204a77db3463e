"use client";

import { useState, type RefObject } from "react";
import { CopyLink } from "@/components/copy-link";
import { momentLink } from "../deep-link";

type Handle = { currentTime(): number; loop?(): { start: number; end: number | null } | null };

/** "Copy link at this moment": a link to this take at the playhead (and its loop, when one is set). */
export function MomentLink({ bandId, songId, versionId, player }: { bandId: string; songId: string; versionId: string; player: RefObject<Handle | null> }) {
  const [link, setLink] = useState<string | null>(null);
  return (
    <div className="moment-link">
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        aria-expanded={link != null}
        data-testid="moment-link-open"
        onClick={() => {
          if (link) return setLink(null);
          const p = player.current;
          const loop = p?.loop?.();
          const at = loop?.end != null ? loop.start : (p?.currentTime() ?? 0);
          setLink(momentLink(window.location.origin, `/bands/${bandId}/songs/${songId}`, versionId, at, loop?.end ?? null));
        }}
      >
        {link ? "Hide link" : "Copy link at this moment"}
      </button>
      {link ? (
        <div className="moment-link-panel card card-tight">
          <CopyLink link={link} label="Link to this moment" hint="Anyone in the band who opens it hears this take from here." />
        </div>
      ) : null}
    </div>
  );
}
