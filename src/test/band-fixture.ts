import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import type { SeededBand } from "@/test/authorization-matrix";
import { hashSharePassword } from "@/features/sharing/share-password";
import { createUser } from "./callers";

/**
 * A band with an owner, an admin, a member and an "uploader" member, and one of
 * everything a band holds (song, take, comment, pending invite, join link,
 * activity, a setlist holding the song; the take's processing FAILED), written directly
 * through Prisma so no procedure under test is needed to set it up. The take's storage
 * key has no file behind it.
 */
export async function seedBand(db: PrismaClient, label: string): Promise<SeededBand> {
  const [owner, admin, member, uploader] = await Promise.all(["owner", "admin", "member", "uploader"].map((r) => createUser(db, `${label}-${r}`)));
  const tag = randomBytes(6).toString("hex");
  const band = await db.band.create({
    data: {
      name: `Matrix ${label} ${tag}`,
      members: {
        create: [
          { userId: owner!.id, role: "OWNER" },
          { userId: admin!.id, role: "ADMIN" },
          { userId: member!.id, role: "MEMBER" },
          { userId: uploader!.id, role: "MEMBER" },
        ],
      },
    },
    select: { id: true, name: true },
  });
  const song = await db.song.create({ data: { bandId: band.id, title: `${label} song`, createdById: uploader!.id }, select: { id: true } });
  const version = await db.version.create({
    data: {
      bandId: band.id,
      songId: song.id,
      uploaderId: uploader!.id,
      storageKey: `matrix/${tag}.mp3`,
      originalName: "take.mp3",
      contentType: "audio/mpeg",
      sizeBytes: 1024n,
      // Failed processing, so that retrying it is allowed for whoever may retry.
      processing: "FAILED",
      processingError: "The audio could not be decoded.",
    },
    select: { id: true, storageKey: true },
  });
  const comment = await db.comment.create({ data: { bandId: band.id, versionId: version.id, authorId: uploader!.id, body: "Nice one" }, select: { id: true } });
  const marker = await db.practiceMarker.create({ data: { bandId: band.id, songId: song.id, userId: member!.id, versionId: version.id, songSeconds: 1, label: "Count-in" }, select: { id: true } });
  const inviteEmail = `invitee-${tag}@example.test`;
  const hash = (s: string) => createHash("sha256").update(s).digest("hex");
  const invite = await db.bandInvite.create({
    data: { bandId: band.id, email: inviteEmail, role: "MEMBER", tokenHash: hash(`invite-${tag}`), expiresAt: new Date(Date.now() + 7 * 864e5), invitedById: owner!.id },
    select: { id: true },
  });
  const joinLink = await db.bandJoinLink.create({
    data: { bandId: band.id, tokenHash: hash(`join-${tag}`), expiresAt: new Date(Date.now() + 7 * 864e5), maxUses: 5, createdById: owner!.id },
    select: { id: true },
  });
  const setlist = await db.setlist.create({ data: { bandId: band.id, name: `${label} set` }, select: { id: true } });
  await db.setlistSong.create({ data: { bandId: band.id, setlistId: setlist.id, songId: song.id, position: 0 } });
  const shareToken = `share-${tag}-${randomBytes(16).toString("hex")}`;
  const shareLink = await db.shareLink.create({
    data: {
      bandId: band.id,
      tokenHash: hash(shareToken),
      versionId: version.id,
      subject: `take 1 of ${label} song`,
      expiresAt: new Date(Date.now() + 7 * 864e5),
      passwordHash: await hashSharePassword("matrix"),
      allowComments: true,
      createdById: uploader!.id,
    },
    select: { id: true },
  });
  const activity = await db.bandActivity.create({ data: { bandId: band.id, type: "BAND_CREATED", actorId: owner!.id }, select: { id: true } });
  return {
    ...band,
    users: { owner: owner!, admin: admin!, member: member!, uploader: uploader! },
    song,
    version,
    comment,
    marker,
    invite: { id: invite.id, email: inviteEmail },
    joinLink,
    activity,
    setlist,
    shareLink: { id: shareLink.id, token: shareToken },
  };
}

/** Every id that belongs to a seeded band (rows and its people), to look for leaks. */
export function idsOf(b: SeededBand): string[] {
  return [b.id, b.song.id, b.version.id, b.version.storageKey, b.comment.id, b.marker.id, b.invite.id, b.invite.email, b.joinLink.id, b.activity.id, b.setlist.id, b.shareLink.id, b.shareLink.token, ...Object.values(b.users).flatMap((u) => [u.id, u.email])];
}
