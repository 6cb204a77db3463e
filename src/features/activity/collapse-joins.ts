import type { ActivityType } from "@/generated/prisma/enums";

type Item = { type: ActivityType; createdAt: Date; targetUser: { id: string } | null };

const HOW_SOMEONE_JOINED: ReadonlySet<ActivityType> = new Set(["INVITE_ACCEPTED", "JOIN_LINK_USED"]);
export const SAME_MOMENT_MS = 5_000;

/**
 * A join through an invite or a join link is recorded as two events (how they
 * came in, and the membership itself). Members read it as one line: the
 * MEMBER_JOINED next to its invite or link event is left out of the feed.
 */
export function collapseJoins<T extends Item>(items: T[]): T[] {
  return items.filter((item, i) => {
    if (item.type !== "MEMBER_JOINED" || !item.targetUser) return true;
    const neighbours = [items[i - 1], items[i + 1]];
    return !neighbours.some(
      (n) =>
        n &&
        HOW_SOMEONE_JOINED.has(n.type) &&
        n.targetUser?.id === item.targetUser!.id &&
        Math.abs(n.createdAt.getTime() - item.createdAt.getTime()) <= SAME_MOMENT_MS,
    );
  });
}
