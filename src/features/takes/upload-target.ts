import type { BandAccess } from "@/server/access/band-access";
import { requireRouteBandAccess, type RouteContext } from "@/server/access/route-access";
import { AppError } from "@/server/errors";
import { uploadParamsSchema } from "./upload.schema";

/** A take for a song the band has. */
export type SongUploadTarget = { access: BandAccess; songId: string };
/** A take whose song is created with it, in the same step that accepts its bytes. */
export type NewSongUploadTarget = { access: BandAccess; newSongTitle: string };
export type UploadTarget = SongUploadTarget | NewSongUploadTarget;

export const isNewSongTarget = (target: UploadTarget): target is NewSongUploadTarget => "newSongTitle" in target;

/**
 * Who may add a take to a song, asked by every upload path (the multipart route
 * and every request of a resumable upload): a member of the band, the song in
 * that band and not archived. Read from the database on every call, so a member
 * removed mid-upload is refused on their next request.
 */
export async function requireUploadTarget(ctx: RouteContext, raw: { bandId: unknown; songId: unknown }): Promise<SongUploadTarget> {
  // Ids are client input: a malformed one is a 400 before any query sees it.
  const parsed = uploadParamsSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "That address is not valid.");
  const { bandId, songId } = parsed.data;
  const { access } = await requireRouteBandAccess(ctx, async () => ({ bandId }), "MEMBER");
  const song = await ctx.db.song.findFirst({ where: { id: songId, bandId: access.band.id }, select: { id: true, archivedAt: true } });
  if (!song) throw new AppError("NOT_FOUND", "This song does not exist.");
  if (song.archivedAt) throw new AppError("CONFLICT", "This song is archived: restore it before adding takes.");
  return { access, songId: song.id };
}

/**
 * The same question for a resumable upload, whose take goes to an existing
 * song or to a new one (a member may create songs, as song.create allows):
 * the title was checked by the metadata schema, the membership is read here.
 */
export async function requireUploadDestination(
  ctx: RouteContext,
  raw: { bandId: string; songId?: string | null; newSongTitle?: string | null },
): Promise<UploadTarget> {
  if (!raw.newSongTitle) return requireUploadTarget(ctx, { bandId: raw.bandId, songId: raw.songId });
  const { access } = await requireRouteBandAccess(ctx, async () => ({ bandId: raw.bandId }), "MEMBER");
  return { access, newSongTitle: raw.newSongTitle };
}
