"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { Icon, type IconName } from "@/components/icon";
import type { ActivityType } from "@/generated/prisma/enums";
import { LocalDate } from "@/components/local-date";
import { formatRelative } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { describeActivity } from "../activity-sentence";
import { songHref } from "@/features/player/deep-link";
import { groupByDay } from "../group-by-day";
import { Alert } from "@/components/alert";

const icon: Record<ActivityType, IconName> = {
  BAND_CREATED: "star",
  BAND_RENAMED: "music",
  MEMBER_JOINED: "users",
  MEMBER_ROLE_CHANGED: "layers",
  MEMBER_REMOVED: "x",
  MEMBER_LEFT: "x",
  INVITE_CREATED: "mail",
  INVITE_RESENT: "mail",
  INVITE_REVOKED: "x",
  INVITE_ACCEPTED: "check",
  INVITE_DECLINED: "x",
  JOIN_LINK_CREATED: "link",
  JOIN_LINK_REVOKED: "x",
  JOIN_LINK_USED: "link",
  TAKE_UPLOADED: "upload",
  BEST_TAKE_PICKED: "star",
  COMMENT_ADDED: "message",
  COMMENT_REPLIED: "message",
  SETLIST_CREATED: "layers",
  SETLIST_CHANGED: "layers",
  SHARE_CREATED: "link",
  GUEST_COMMENTED: "message",
};

type Linked = { songId: string | null; versionId: string | null; commentId: string | null; atSeconds: number | null; endSeconds: number | null; setlistId: string | null; type: ActivityType };

/**
 * Where a line leads: the setlist for setlist events; for take events the take; for
 * comments the take at the comment's moment with the comment shown (as mail links do).
 */
function hrefOf(bandId: string, item: Linked): string | null {
  if (item.setlistId && item.type.startsWith("SETLIST")) return `/bands/${bandId}/setlists/${item.setlistId}`;
  if (!item.songId) return null;
  const path = `/bands/${bandId}/songs/${item.songId}`;
  // A song's line with no take of its own (or a take since deleted) opens the song as it is.
  return songHref({ path, versionId: item.versionId, commentId: item.commentId, atSeconds: item.atSeconds, endSeconds: item.endSeconds });
}

const PAGE_SIZE = 25;

export function ActivityFeed({ bandId, viewerId }: { bandId: string; viewerId: string }) {
  const feed = api.activity.list.useInfiniteQuery(
    { bandId, limit: PAGE_SIZE },
    // The "new" marks are as of this visit's start: no refetch on focus repaints them.
    { getNextPageParam: (page) => page.nextCursor ?? undefined, refetchOnWindowFocus: false },
  );
  const utils = api.useUtils();
  const markSeen = api.activity.markSeen.useMutation({ onSuccess: () => void utils.activity.unread.invalidate({ bandId }) });
  const marked = useRef(false);
  const loaded = !!feed.data;
  useEffect(() => {
    // Once the feed has been read with its marks, everything in it counts as seen.
    if (loaded && !marked.current) {
      marked.current = true;
      markSeen.mutate({ bandId });
    }
  }, [loaded, bandId, markSeen]);

  if (!feed.data) {
    if (feed.error) {
      return (
        <Alert tone="error">
          {userMessage(feed.error)}
        </Alert>
      );
    }
    return (
      <div className="stack-sm" aria-busy="true" aria-label="Loading activity">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="skeleton" style={{ height: 44 }} />
        ))}
      </div>
    );
  }
  const items = feed.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <div className="empty-state">
        <div className="icon">
          <Icon name="activity" size={32} />
        </div>
        <h2>Nothing has happened yet</h2>
        <p>New takes, best takes, comments, setlist changes and who joined will show up here.</p>
      </div>
    );
  }
  const now = new Date();
  const newCount = items.filter((i) => i.isNew).length;
  return (
    <section className="stack" aria-labelledby="activity-heading">
      <h2 id="activity-heading" className="visually-hidden">
        Band activity
      </h2>
      {newCount > 0 ? (
        <p className="small" data-testid="activity-new-count">
          <span className="badge badge-new">{newCount} new</span> since your last visit
        </p>
      ) : null}
      {groupByDay(items, now).map((day) => (
        <section key={day.key} className="stack-sm" aria-labelledby={`day-${day.key}`}>
          <h3 id={`day-${day.key}`} className="activity-day">
            {day.label}
          </h3>
          <ol className="list activity-list">
            {day.items.map((item) => {
              const href = hrefOf(bandId, item);
              const sentence = describeActivity(item, viewerId);
              return (
                <li key={item.id} className={`activity-row${item.isNew ? " activity-new" : ""}`} data-testid="activity-item" data-type={item.type} data-new={item.isNew || undefined}>
                  <span className={`activity-icon activity-${item.type.toLowerCase().split("_")[0]}`} aria-hidden="true">
                    <Icon name={icon[item.type]} size={15} />
                  </span>
                  <span className="grow">
                    {href ? (
                      <Link href={href} className="activity-link">
                        {sentence}
                      </Link>
                    ) : (
                      sentence
                    )}
                    {item.isNew ? <span className="badge badge-new activity-new-badge">New</span> : null}
                  </span>
                  <span className="small faint activity-when" title={item.createdAt.toISOString()}>
                    {formatRelative(item.createdAt, now)}
                    <span className="visually-hidden">
                      {" "}
                      (<LocalDate date={item.createdAt} />)
                    </span>
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      {feed.hasNextPage ? (
        <button type="button" className="btn btn-secondary" onClick={() => void feed.fetchNextPage()} disabled={feed.isFetchingNextPage}>
          {feed.isFetchingNextPage ? "Loading…" : "Show older activity"}
        </button>
      ) : (
        <p className="small faint" style={{ textAlign: "center" }}>
          That&apos;s everything since the band was created.
        </p>
      )}
      {feed.error ? (
        <Alert tone="error">
          {userMessage(feed.error)}
        </Alert>
      ) : null}
    </section>
  );
}
