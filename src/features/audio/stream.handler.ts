import { requireRouteBandAccess, type RouteContext } from "@/server/access/route-access";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/error-response";
import { getStorage, type StorageDriver } from "@/server/storage";
import { decideRange } from "./byte-range";
import { nodeToWebStream } from "./web-stream";
import { ifRangeAllows, isNotModified, validatorsFor } from "./validators";

export type StreamDeps = { storage: StorageDriver };

// Every answer about a take, including refusals, must not be cached by shared caches.
const PRIVATE = { "Cache-Control": "private, no-cache", "X-Content-Type-Options": "nosniff" } as const;

/**
 * GET|HEAD /api/versions/[versionId]/stream.
 *
 * Order matters: the version is resolved to its band, then the shared band
 * access check runs, and only then is the storage touched, so a refused caller
 * never gets a byte (nor a size, ETag or content type). Anonymous callers get
 * 401 before any lookup; a signed-in caller asking for an unknown version id
 * gets 404 and one asking for another band's version gets 403 (version ids are
 * unguessable cuids, so this tells a stranger nothing useful).
 */
export async function handleStream(
  request: Request,
  ctx: RouteContext,
  versionId: string,
  deps: StreamDeps = { storage: getStorage() },
): Promise<Response> {
  try {
    const { target: take } = await requireRouteBandAccess(ctx, () => findTake(ctx, versionId), "MEMBER");
    try {
      return await serveStoredFile(request, take, deps.storage);
    } catch (error) {
      takes.delete(versionId);
      throw error;
    }
  } catch (error) {
    return errorResponse(error, PRIVATE);
  }
}

type Take = { bandId: string; storageKey: string; contentType: string };

/**
 * A take's band, storage key and content type never change after upload, so
 * they are remembered (bounded) to save a query on every seek. Access is not:
 * the membership check above runs against the database on every request.
 * A deleted take's entry is dropped when its file turns out to be gone.
 */
const takes = new Map<string, Take>();
const TAKES_REMEMBERED = 2000;

async function findTake(ctx: RouteContext, versionId: string): Promise<Take | null> {
  const known = takes.get(versionId);
  if (known) return known;
  const take = await ctx.db.version.findUnique({ where: { id: versionId }, select: { bandId: true, storageKey: true, contentType: true } });
  if (take) {
    if (takes.size >= TAKES_REMEMBERED) takes.delete(takes.keys().next().value!);
    takes.set(versionId, take);
  }
  return take;
}

/**
 * Answers a GET/HEAD for one stored file with ranges and validators. No access
 * check here: callers decide first (handleStream; the benchmark's bare route).
 */
export async function serveStoredFile(
  request: Request,
  take: Pick<Take, "storageKey" | "contentType">,
  storage: StorageDriver,
): Promise<Response> {
  const object = await storage.stat(take.storageKey);
  if (!object) {
    // A take deleted a moment ago, or a file lost from storage.
    throw new AppError("NOT_FOUND", "This take's audio is no longer available.");
  }
  const { size } = object;
  const validators = validatorsFor({ key: take.storageKey, ...object });
  const headers = new Headers({
    ...PRIVATE,
    "Accept-Ranges": "bytes",
    "Content-Type": take.contentType,
    ETag: validators.etag,
    "Last-Modified": validators.lastModified,
  });

  if (isNotModified(request.headers, validators)) return new Response(null, { status: 304, headers });

  const range = ifRangeAllows(request.headers, validators)
    ? decideRange(request.headers.get("range"), size)
    : ({ kind: "full" } as const);

  if (range.kind === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    headers.delete("Content-Type");
    return new Response(null, { status: 416, headers });
  }

  const [status, start, end] = range.kind === "partial" ? [206, range.start, range.end] : [200, 0, size - 1];
  if (status === 206) headers.set("Content-Range", `bytes ${start}-${end}/${size}`);
  // Next 16 strips Content-Length from route-handler responses; set it anyway for
  // runtimes and proxies that keep it (Safari needs it on 206).
  headers.set("Content-Length", String(end - start + 1));

  if (request.method === "HEAD" || size === 0) return new Response(null, { status, headers });
  return new Response(nodeToWebStream(storage.openRange(take.storageKey, start, end)), { status, headers });
}
