"use client";

import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode, type Ref, type RefObject } from "react";
import { Alert } from "@/components/alert";
import { COMMENT_MAX } from "@/features/comments/comment.schema";
import { formatClock } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";
import { GUEST_NAME_KEY, linkEndedFrom, type LinkEnded } from "../guest-link-state";
import { GUEST_NAME_MAX } from "../share.schema";

type Opened = RouterOutputs["share"]["open"];
type Take = Opened["takes"][number];
type Comment = Opened["comments"][number];

/** What this page needs of the app's player (the page passes the player in: features do not import each other's UI). */
export type GuestPlayerHandle = { seek(seconds: number, play?: boolean): void; currentTime(): number };
export type GuestPlayerMarker = { id: string; atSeconds: number; endSeconds?: number | null; label: string; kind?: "comment" };
export type GuestPlayerProps = {
  ref: Ref<GuestPlayerHandle>;
  src: string;
  title: string;
  subtitle: string;
  songTitle: string;
  bandName: string;
  versionId: string;
  knownDuration: number | null;
  peaksUrl: string | null;
  markers: GuestPlayerMarker[];
  onMarkerActivate: (id: string) => void;
  cspNonce?: string;
};
export type RenderGuestPlayer = (props: GuestPlayerProps) => ReactNode;

type Props = {
  renderPlayer: RenderGuestPlayer;
  token: string;
  take: Take;
  bandName: string;
  allowComments: boolean;
  comments: Comment[];
  cspNonce?: string;
  onEnded: (why: LinkEnded) => void;
};

/**
 * One shared take: the app's own player on the link's stream and peaks URLs,
 * the download when the link allows it, and the comments when it takes them.
 * Every seek and every playback error asks the link's route whether the link
 * still works, so a revoked link says so instead of leaving a silent player.
 */
export function SharedTake({ renderPlayer, token, take, bandName, allowComments, comments: initial, cspNonce, onEnded }: Props) {
  const player = useRef<GuestPlayerHandle>(null);
  const box = useRef<HTMLDivElement>(null);
  const [comments, setComments] = useState(initial);
  const title = `Take ${take.number}${take.title ? `: ${take.title}` : ""}`;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let checking = false;
    const check = async () => {
      if (checking) return;
      checking = true;
      try {
        const response = await fetch(take.streamUrl, { headers: { range: "bytes=0-0" }, cache: "no-store" });
        if (response.ok) return void (await response.body?.cancel());
        const body = (await response.json().catch(() => null)) as { error?: { reason?: string } } | null;
        const ended = linkEndedFrom(response.status, body?.error?.reason ?? null);
        if (ended) onEnded(ended);
      } catch {
        // Offline: the player says so itself.
      } finally {
        checking = false;
      }
    };
    // Media events do not bubble, but they do pass through ancestors while capturing.
    const listener = () => void check();
    el.addEventListener("seeking", listener, true);
    el.addEventListener("error", listener, true);
    return () => {
      el.removeEventListener("seeking", listener, true);
      el.removeEventListener("error", listener, true);
    };
  }, [take.streamUrl, onEnded]);

  const markers: GuestPlayerMarker[] = comments
    .filter((c) => c.atSeconds != null && !c.parentId)
    .map((c) => ({ id: c.id, atSeconds: c.atSeconds!, endSeconds: c.endSeconds, label: `${c.name}: ${c.body}`, kind: "comment" }));

  return (
    <article className="card stack" data-testid="shared-take" aria-label={`${take.songTitle}, ${title}`}>
      <div ref={box}>
        {renderPlayer({
          ref: player,
          src: take.streamUrl,
          title,
          subtitle: take.songTitle,
          songTitle: take.songTitle,
          bandName,
          versionId: take.id,
          knownDuration: take.durationSeconds,
          peaksUrl: take.peaksUrl,
          markers,
          onMarkerActivate: (id) => {
            const c = comments.find((x) => x.id === id);
            if (c?.atSeconds != null) player.current?.seek(c.atSeconds);
          },
          cspNonce,
        })}
      </div>
      {take.downloadUrl ? (
        <p>
          <a className="btn btn-secondary" href={take.downloadUrl} download data-testid="shared-download">
            Download this take
          </a>
        </p>
      ) : null}
      {allowComments ? (
        <section className="stack-sm" aria-label="Comments">
          <h2 className="h3">Comments</h2>
          {comments.length === 0 ? <p className="muted small">No comments yet. Yours will be the first the band reads.</p> : null}
          <ul className="comment-list" data-testid="shared-comments">
            {comments.map((c) => (
              <li key={c.id} className={c.parentId ? "comment comment-reply" : "comment"} data-testid="shared-comment">
                <div className="comment-head">
                  {c.atSeconds != null ? (
                    <button type="button" className="timestamp" onClick={() => player.current?.seek(c.atSeconds!, true)} aria-label={`${formatClock(c.atSeconds)}, play from here`}>
                      <span aria-hidden="true">▶</span> {formatClock(c.atSeconds)}
                      {c.endSeconds != null ? `–${formatClock(c.endSeconds)}` : ""}
                    </button>
                  ) : null}
                  <span className="comment-author">{c.name}</span>
                </div>
                <p className="comment-text">{c.body}</p>
              </li>
            ))}
          </ul>
          <GuestCommentForm token={token} versionId={take.id} player={player} onAdded={(c) => setComments((all) => [...all, c])} onEnded={onEnded} />
        </section>
      ) : null}
    </article>
  );
}

function GuestCommentForm({
  token,
  versionId,
  player,
  onAdded,
  onEnded,
}: {
  token: string;
  versionId: string;
  player: RefObject<GuestPlayerHandle | null>;
  onAdded: (c: Comment) => void;
  onEnded: (why: LinkEnded) => void;
}) {
  const id = useId();
  const remembered = useSyncExternalStore(noSubscription, readRememberedName, () => "");
  const [typed, setName] = useState<string | null>(null);
  const name = typed ?? remembered;
  const [body, setBody] = useState("");
  const [atMoment, setAtMoment] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const comment = api.share.comment.useMutation();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSent(false);
    const at = atMoment ? player.current?.currentTime() : undefined;
    try {
      const made = await comment.mutateAsync({ token, versionId, name, body, ...(at != null && at > 0 ? { atSeconds: Math.round(at * 10) / 10 } : {}) });
      try {
        window.localStorage.setItem(GUEST_NAME_KEY, name.trim());
      } catch {
        // Not remembered; nothing else depends on it.
      }
      onAdded(made);
      setBody("");
      setSent(true);
    } catch (e) {
      const err = e as { data?: { reason?: string | null; httpStatus?: number } | null };
      const ended = linkEndedFrom(err.data?.httpStatus ?? 0, err.data?.reason);
      if (ended) return onEnded(ended);
      setError(userMessage(e));
    }
  };

  return (
    <form className="comment-form stack-sm" onSubmit={(e) => void submit(e)} data-testid="guest-comment-form">
      <div className="field">
        <label className="label" htmlFor={`${id}-name`}>
          Your name
        </label>
        <input id={`${id}-name`} className="input" value={name} maxLength={GUEST_NAME_MAX} autoComplete="name" onChange={(e) => setName(e.target.value)} required />
        <p className="hint">The band sees it with “(guest)”. Remembered on this device.</p>
      </div>
      <div className="field">
        <label className="label" htmlFor={`${id}-body`}>
          Comment
        </label>
        <textarea id={`${id}-body`} className="input" rows={3} value={body} maxLength={COMMENT_MAX} onChange={(e) => setBody(e.target.value)} required />
      </div>
      <label className="check">
        <input type="checkbox" checked={atMoment} onChange={(e) => setAtMoment(e.target.checked)} /> At the playhead’s moment (otherwise about the whole take)
      </label>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {sent ? (
        <Alert tone="success" as="p">
          Sent to the band.
        </Alert>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={comment.isPending || !name.trim() || !body.trim()}>
        {comment.isPending ? "Sending…" : "Send to the band"}
      </button>
    </form>
  );
}

const noSubscription = () => () => {};

function readRememberedName(): string {
  try {
    return window.localStorage.getItem(GUEST_NAME_KEY) ?? "";
  } catch {
    // Storage blocked: the guest types their name each time.
    return "";
  }
}
