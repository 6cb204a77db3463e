import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ensureServiceWorkerBundle, SERVICE_WORKER_FILE } from "./sw-bundle.mjs";

describe("the service worker bundle (public/sw.js)", () => {
  it("is one self-contained script with serwist in it, rewritten only when its contents change", async () => {
    await ensureServiceWorkerBundle();
    const code = fs.readFileSync(SERVICE_WORKER_FILE, "utf8");
    // A classic service worker script: nothing left to import at run time.
    expect(/^\s*import[\s{*]/m.test(code), "an import statement").toBe(false);
    expect(/\bexport\s*{/.test(code), "an export statement").toBe(false);
    // The app's cache names, and serwist's range requests (206 with Content-Range).
    expect(code.includes("rehearsalhub-"), "the app's cache prefix").toBe(true);
    expect(code.includes("Content-Range"), "serwist's range support").toBe(true);
    const before = fs.statSync(SERVICE_WORKER_FILE).mtimeMs;
    expect((await ensureServiceWorkerBundle()).changed).toBe(false);
    expect(fs.statSync(SERVICE_WORKER_FILE).mtimeMs).toBe(before);
  }, 30_000);
});
