import { describe, expect, it } from "vitest";
import { readBodyWithLimit } from "./read-body";

function chunkedRequest(chunks: number, chunkSize: number) {
  let sent = 0;
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      sent++;
      pulled++;
      controller.enqueue(new Uint8Array(chunkSize).fill(65));
    },
  });
  const request = new Request("http://x/api/trpc/a", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, pulled: () => pulled };
}

describe("readBodyWithLimit", () => {
  it("returns the whole body when within the limit", async () => {
    const result = await readBodyWithLimit(new Request("http://x", { method: "POST", body: "hello" }), 5);
    expect(result.ok && new TextDecoder().decode(result.body!)).toBe("hello");
  });

  it("refuses from a declared Content-Length without reading", async () => {
    const request = new Request("http://x", { method: "POST", body: "x".repeat(10), headers: { "content-length": "10" } });
    expect(await readBodyWithLimit(request, 9)).toEqual({ ok: false });
  });

  it("stops reading an undeclared body as soon as it passes the limit", async () => {
    const { request, pulled } = chunkedRequest(1000, 1024);
    expect(await readBodyWithLimit(request, 10 * 1024)).toEqual({ ok: false });
    // 11 chunks pass the limit; the stream may have one more buffered, never the 1000.
    expect(pulled()).toBeLessThanOrEqual(13);
  });

  it("has no body for a GET", async () => {
    expect(await readBodyWithLimit(new Request("http://x"), 10)).toEqual({ ok: true, body: null });
  });
});
