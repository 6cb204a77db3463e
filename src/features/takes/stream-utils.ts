import { createHash } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { AppError } from "@/server/errors";

/**
 * Reads the first `n` bytes of a stream (fewer if it ends first) and hands back
 * a stream that still yields every byte, head included, with backpressure.
 */
export function peek(stream: Readable, n: number): Promise<{ head: Buffer; rest: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const detach = () => {
      stream.off("readable", onReadable);
      stream.off("end", onEnd);
      stream.off("error", onError);
    };
    const finish = (ended: boolean) => {
      detach();
      const head = Buffer.concat(chunks);
      if (ended) return resolve({ head, rest: Readable.from(head.length ? [head] : []) });
      stream.unshift(head);
      resolve({ head, rest: stream });
    };
    function onReadable() {
      let chunk: Buffer | null;
      while (length < n && (chunk = stream.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        length += chunk.length;
      }
      if (length >= n) finish(false);
    }
    const onEnd = () => finish(true);
    function onError(error: unknown) {
      detach();
      reject(error);
    }
    stream.on("readable", onReadable);
    stream.once("end", onEnd);
    stream.once("error", onError);
  });
}

/** Passes bytes through, failing with 413 as soon as more than `maxBytes` have gone by. */
export function byteLimit(maxBytes: number, message: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) return callback(new AppError("PAYLOAD_TOO_LARGE", message));
      callback(null, chunk);
    },
  });
}

/** Passes bytes through while hashing them: `digest()` is the SHA-256 (hex) of every byte that went by. */
export function sha256Tap(): { stream: Transform; digest: () => string } {
  const hash = createHash("sha256");
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { stream, digest: () => hash.copy().digest("hex") };
}
