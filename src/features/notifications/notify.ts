import type { Prisma } from "@/generated/prisma/client";
import { enqueueNotify } from "@/server/jobs/enqueue";

type Tx = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

/**
 * What a change calls, in its own transaction, to have people told about it.
 * The job (notify.job.ts) decides who, when and how, after the commit.
 */
export const notify = {
  /** A new take: every other member, by their "takes" choice. */
  take: (tx: Tx, { versionId }: { versionId: string }) => enqueueNotify(tx, { kind: "take", versionId }),
  /** A reply: the author of the comment replied to, by their "replies" choice. */
  reply: (tx: Tx, { commentId, parentId }: { commentId: string; parentId: string }) => enqueueNotify(tx, { kind: "reply", commentId, parentId }),
  /** Members named in a comment, by their "mentions" choice. */
  mention: (tx: Tx, { commentId, userIds }: { commentId: string; userIds: string[] }) =>
    userIds.length ? enqueueNotify(tx, { kind: "mention", commentId, userIds: [...new Set(userIds)] }) : Promise.resolve(null),
};
