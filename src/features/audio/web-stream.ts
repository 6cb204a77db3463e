import type { Readable } from "node:stream";

/**
 * A web ReadableStream over a Node stream, pulling one chunk at a time (so the
 * file is read only as fast as the client takes it). Cancelling it (the client
 * went away) destroys the Node stream at once, closing the file.
 *
 * Not Readable.toWeb: on Node 20 it can enqueue into a stream the client has
 * already cancelled, which throws "Invalid state: Controller is already closed"
 * as an uncaught exception (seen under load in the benchmark).
 */
export function nodeToWebStream(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (cancelled) return;
          if (done) controller.close();
          else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        } catch (error) {
          if (!cancelled) controller.error(error);
        }
      },
      cancel() {
        cancelled = true;
        source.destroy();
      },
    },
    { highWaterMark: 1 },
  );
}
