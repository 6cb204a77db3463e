"use client";

import type { ActivityType } from "@/generated/prisma/enums";
import { LocalDate, relativeTime } from "@/features/invites/ui/local-date";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { describeActivity } from "../activity-sentence";

const icon: Record<ActivityType, string> = {
  BAND_CREATED: "✦",
  BAND_RENAMED: "✎",
  MEMBER_JOINED: "→",
  MEMBER_ROLE_CHANGED: "⇅",
  MEMBER_REMOVED: "✕",
  MEMBER_LEFT: "←",
  INVITE_CREATED: "✉",
  INVITE_RESENT: "↻",
  INVITE_REVOKED: "⊘",
  INVITE_ACCEPTED: "✓",
  INVITE_DECLINED: "–",
  JOIN_LINK_CREATED: "⛓",
  JOIN_LINK_REVOKED: "⊘",
  JOIN_LINK_USED: "→",
};

const PAGE_SIZE = 25;

export function ActivityFeed({ bandId, viewerId }: { bandId: string; viewerId: string }) {
  const feed = api.activity.list.useInfiniteQuery({ bandId, limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor ?? undefined });

  if (!feed.data) {
    if (feed.error) {
      return (
        <div className="alert alert-error" role="alert">
          {userMessage(feed.error)}
        </div>
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
        <div className="icon" aria-hidden="true">🕰️</div>
        <h2>Nothing has happened yet</h2>
        <p>Joins, role changes and invites will show up here.</p>
      </div>
    );
  }
  const now = new Date();
  return (
    <section className="stack" aria-labelledby="activity-heading">
      <h2 id="activity-heading" className="visually-hidden">
        Band activity
      </h2>
      <ol className="list activity-list">
        {items.map((item) => (
          <li key={item.id} className="activity-row" data-testid="activity-item" data-type={item.type}>
            <span className={`activity-icon activity-${item.type.toLowerCase().split("_")[0]}`} aria-hidden="true">
              {icon[item.type]}
            </span>
            <span className="grow">{describeActivity(item, viewerId)}</span>
            <span className="small faint activity-when" title={item.createdAt.toISOString()}>
              {relativeTime(item.createdAt, now)}
              <span className="visually-hidden">
                {" "}
                (<LocalDate date={item.createdAt} />)
              </span>
            </span>
          </li>
        ))}
      </ol>
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
        <div className="alert alert-error" role="alert">
          {userMessage(feed.error)}
        </div>
      ) : null}
    </section>
  );
}
