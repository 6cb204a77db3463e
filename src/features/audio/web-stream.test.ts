import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeToWebStream } from "./web-stream";

let dir: string;
let file: string;
const size = 4 * 1024 * 1024;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rh-webstream-"));
  file = path.join(dir, "big.bin");
  fs.writeFileSync(file, Buffer.alloc(size, 7));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const open = () => fs.createReadStream(file, { highWaterMark: 64 * 1024 });

describe("nodeToWebStream", () => {
  it("yields every byte", async () => {
    const bytes = Buffer.from(await new Response(nodeToWebStream(open())).arrayBuffer());
    expect(bytes.length).toBe(size);
  });

  it("reads only as fast as the consumer pulls (backpressure)", async () => {
    const source = open();
    const reader = nodeToWebStream(source).getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 100));
    // One chunk delivered, at most a few buffered: nowhere near the 4 MiB file.
    expect(source.bytesRead).toBeLessThanOrEqual(4 * 64 * 1024);
    await reader.cancel();
  });

  it("cancelling mid-read destroys the source at once, without errors", async () => {
    const source = open();
    const reader = nodeToWebStream(source).getReader();
    await reader.read();
    const pending = reader.read(); // a pull in flight while the client goes away
    await reader.cancel();
    await pending.catch(() => undefined);
    expect(source.destroyed).toBe(true);
    if (!source.closed) await new Promise<void>((resolve) => source.once("close", () => resolve()));
    expect(source.closed).toBe(true);
  });
});
