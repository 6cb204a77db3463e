"use client";

import { Icon, type IconName } from "@/components/icon";
import type { ActivityType } from "@/generated/prisma/enums";
import { LocalDate } from "@/components/local-date";
import { formatRelative } from "@/lib/format-time";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { describeActivity } from "../activity-sentence";

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
        <div className="icon">
          <Icon name="activity" size={32} />
        </div>
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
              <Icon name={icon[item.type]} size={15} />
            </span>
            <span className="grow">{describeActivity(item, viewerId)}</span>
            <span className="small faint activity-when" title={item.createdAt.toISOString()}>
              {formatRelative(item.createdAt, now)}
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
