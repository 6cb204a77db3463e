import type { BandAccess } from "@/server/access/band-access";
import { requireRouteBandAccess, type RouteContext } from "@/server/access/route-access";
import { AppError } from "@/server/errors";
import { uploadParamsSchema } from "./upload.schema";

export type UploadTarget = { access: BandAccess; songId: string };

/**
 * Who may add a take to a song, asked by every upload path (the multipart route
 * and every request of a resumable upload): a member of the band, the song in
 * that band and not archived. Read from the database on every call, so a member
 * removed mid-upload is refused on their next request.
 */
export async function requireUploadTarget(ctx: RouteContext, raw: { bandId: unknown; songId: unknown }): Promise<UploadTarget> {
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
