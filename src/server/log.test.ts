import { describe, expect, it } from "vitest";
import { createLogger, withRequestId } from "./log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ write: (line: string) => void lines.push(JSON.parse(line)) }, "info");
  return { logger, lines };
}

describe("log", () => {
  it("writes one JSON object per line with level and time", () => {
    const { logger, lines } = capture();
    logger.info({ status: 200 }, "request");
    expect(lines).toEqual([expect.objectContaining({ level: "info", msg: "request", status: 200, time: expect.any(String) })]);
  });

  it("stamps every line written inside a request with its id, and only those", async () => {
    const { logger, lines } = capture();
    await withRequestId("req-12345678", async () => {
      logger.info("first");
      await new Promise((r) => setTimeout(r, 1));
      logger.warn("after an await");
    });
    logger.info("outside");
    expect(lines.map((l) => l.reqId)).toEqual(["req-12345678", "req-12345678", undefined]);
  });

  it("never writes tokens, cookies or links, however deep", () => {
    const { logger, lines } = capture();
    logger.info({ token: "t0ps3cret", headers: { cookie: "next-auth.session-token=abc" }, mail: { link: "https://x/invite/tok" } }, "x");
    const written = JSON.stringify(lines);
    for (const secret of ["t0ps3cret", "session-token=abc", "/invite/tok"]) expect(written).not.toContain(secret);
  });

  it("logs errors with their message", () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error("disk full") }, "could not delete");
    expect(lines[0]).toMatchObject({ msg: "could not delete", err: { message: "disk full", type: "Error" } });
  });
});
