import { describe, expect, it } from "vitest";

describe("zod-jitless", () => {
  it("turns zod's JIT off for every schema built after it, with no zod import of its own", async () => {
    await import("./zod-jitless");
    const { z } = await import("zod");
    expect(z.config().jitless).toBe(true);
    // A schema built now parses without ever probing for eval.
    expect(z.object({ a: z.number() }).parse({ a: 1 })).toEqual({ a: 1 });
  });
});
