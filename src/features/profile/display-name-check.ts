import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import { findNameClash } from "./display-name.rules";

type Tx = Prisma.TransactionClient;

/**
 * The one place display names are checked against the data: profile.update
 * and both ways of joining a band (invite, join link) come through here, in
 * their own transaction. Each locks the band rows concerned first (the same
 * lock as lockBandMemberships, in id order so that two lockers of several
 * bands never deadlock), so two people taking one name at once, or a rename
 * racing a join, are decided one after the other.
 */
export async function lockBands(tx: Tx, bandIds: readonly string[]): Promise<void> {
  const ids = [...new Set(bandIds)].sort();
  if (ids.length === 0) return;
  await tx.$queryRaw`SELECT id FROM "Band" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
}

async function bandIdsOf(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.bandMember.findMany({ where: { userId }, select: { bandId: true } });
  return rows.map((r) => r.bandId);
}

/** Refuses `name` when another member of any of `bandIds` appears with a name that looks the same. */
async function assertNameFree(tx: Tx, { userId, name, bandIds, joining }: { userId: string; name: string; bandIds: string[]; joining?: boolean }): Promise<void> {
  if (bandIds.length === 0) return;
  const others = await tx.bandMember.findMany({
    where: { bandId: { in: bandIds }, userId: { not: userId }, user: { name: { not: null } } },
    select: { user: { select: { name: true } }, band: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  const clash = findNameClash(name, others.map((o) => ({ name: o.user.name, bandName: o.band.name })));
  if (!clash) return;
  const advice = joining ? "Choose another name to join with" : "Choose a name your bands can tell apart";
  throw new AppError("CONFLICT", `Someone in ${clash.bandName} is already called “${clash.name}”. ${advice}, for example with an initial.`, "NAME_TAKEN");
}

/** profile.update: the new name, refused when it looks like another member's in any of the caller's bands. */
export async function renameUser(tx: Tx, userId: string, name: string): Promise<void> {
  let bandIds = await bandIdsOf(tx, userId);
  await lockBands(tx, bandIds);
  // A band joined while this waited for the locks counts too.
  const now = await bandIdsOf(tx, userId);
  if (now.some((id) => !bandIds.includes(id))) {
    bandIds = now;
    await lockBands(tx, bandIds);
  }
  await assertNameFree(tx, { userId, name, bandIds });
  await tx.user.update({ where: { id: userId }, data: { name } });
}

/**
 * Joining a band: the first statement of the join's transaction, before the
 * invite or link row is locked (bands first, then the rest, everywhere).
 * With a new name, the caller's other bands are locked as well.
 */
export async function lockBandsForJoin(tx: Tx, { userId, bandId, name }: { userId: string; bandId: string; name?: string | undefined }): Promise<void> {
  await lockBands(tx, name ? [bandId, ...(await bandIdsOf(tx, userId))] : [bandId]);
}

/**
 * Joining a band, once the invite or link is known good: the joiner's name
 * must not look like a member's of that band. With `name` given, the joiner
 * takes that name (checked against this band and their others); without one,
 * a clash refuses the join (CONFLICT, NAME_TAKEN) so the page can ask for one.
 */
export async function settleNameForJoin(tx: Tx, { userId, bandId, name }: { userId: string; bandId: string; name?: string | undefined }): Promise<void> {
  if (name) {
    await assertNameFree(tx, { userId, name, bandIds: [bandId, ...(await bandIdsOf(tx, userId))], joining: true });
    await tx.user.update({ where: { id: userId }, data: { name } });
    return;
  }
  const current = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
  if (current.name) await assertNameFree(tx, { userId, name: current.name, bandIds: [bandId], joining: true });
}
