import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileStore } from "@tus/file-store";
import { ERRORS } from "@tus/utils";
import { ACCEPTED_FORMATS_LABEL, detectAudioFormat, SNIFF_BYTES } from "@/server/media/audio-format";
import { AppError } from "@/server/errors";

/** Refusal of an upload whose first bytes are not audio. */
export const notAudio = () => new AppError("UNSUPPORTED_MEDIA_TYPE", `That file is not audio we can play. Upload ${ACCEPTED_FORMATS_LABEL}.`);

/**
 * @tus/file-store, plus type sniffing on the way in: while an upload's first
 * SNIFF_BYTES (or all of it, when smaller) are not yet on disk, the bytes of a
 * PATCH are held back until they are, then judged by the same detector as the
 * multipart route. Bytes that are not audio are never written: the upload is
 * removed and the request refused with 415 at once, however much the client
 * meant to send after them.
 */
export class AudioSniffingFileStore extends FileStore {
  /** Where an upload's bytes are (ids are checked by the route before they come here). */
  filePath(id: string): string {
    return path.join(this.directory, id);
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    if (offset >= SNIFF_BYTES) return super.write(readable, id, offset);
    const upload = await this.getUpload(id);
    const needed = Math.min(SNIFF_BYTES, upload.size ?? SNIFF_BYTES);
    if (offset >= needed) return super.write(readable, id, offset);

    const filePath = this.filePath(id);
    const written = offset > 0 ? await readHead(filePath, offset) : Buffer.alloc(0);
    // The upload is removed before the refusal travels on, so it is gone by the time the client hears of it.
    const gate = sniffGate(written, needed, () => this.remove(id).catch(() => {}));
    let received = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(readable, gate.stream, count, fs.createWriteStream(filePath, { flags: "r+", start: offset }));
    } catch {
      if (gate.refused()) throw notAudio();
      // As @tus/file-store does: what reached the disk stays, and HEAD reports it.
      throw ERRORS.FILE_WRITE_ERROR;
    }
    return offset + received;
  }
}

/** Up to `length` leading bytes of a file. */
export async function readHead(filePath: string, length: number): Promise<Buffer> {
  const handle = await fsp.open(filePath, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Holds bytes back until the file's head (`written` already on disk plus what
 * arrives) reaches `needed` bytes, then either lets them all through or fails.
 * A request that ends sooner passes what it brought: the next one is judged
 * with it. Whichever stream of the pipeline reports the refusal first (tus's
 * own pipeline or this write's) carries the same 415.
 */
function sniffGate(written: Buffer, needed: number, onRefused: () => Promise<void>) {
  const held: Buffer[] = [];
  let heldBytes = 0;
  let decided = false;
  let refused = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (decided) return callback(null, chunk);
      held.push(chunk);
      heldBytes += chunk.length;
      if (written.length + heldBytes < needed) return callback();
      decided = true;
      const head = Buffer.concat([written, ...held]).subarray(0, needed);
      detectAudioFormat(head).then(
        (format) => {
          if (!format) {
            refused = true;
            return void onRefused().then(() => callback(notAudio()));
          }
          callback(null, Buffer.concat(held.splice(0)));
        },
        (error: Error) => callback(error),
      );
    },
    flush(callback) {
      callback(null, held.length && !decided ? Buffer.concat(held.splice(0)) : undefined);
    },
  });
  return { stream, refused: () => refused };
}
