import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTE } from "./api-route";

/**
 * Every API route, today's and any added later, is built from apiRoute() or
 * nodeApiRoute(): that is where cross-site requests are refused, errors mapped,
 * security headers set and the access line written. (API routes are outside
 * src/proxy.ts, so nothing else would do it for them.)
 */
const root = path.resolve(import.meta.dirname, "../../..");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function filesUnder(dir: string, match: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)).filter(match).sort();
}

const appRoutes = filesUnder(path.join(root, "src/app/api"), (f) => /[\\/]route\.tsx?$/.test(f));
const pagesRoutes = filesUnder(path.join(root, "src/pages/api"), (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));

describe("every API route is built from the shared wrapper", () => {
  it("finds the routes (the walk works)", () => {
    expect(appRoutes.map((f) => path.relative(root, f))).toEqual(
      expect.arrayContaining(["src/app/api/trpc/[trpc]/route.ts", "src/app/api/auth/[...nextauth]/route.ts"]),
    );
  });

  it.each(appRoutes.map((f) => [path.relative(root, f), f]))("%s", async (_name, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const handlers = HTTP_METHODS.filter((m) => m in mod);
    expect(handlers.length).toBeGreaterThan(0);
    for (const method of handlers) expect((mod[method] as Record<symbol, unknown>)[API_ROUTE], method).toBe(true);
  });

  it.each(pagesRoutes.map((f) => [path.relative(root, f), f]))("%s", async (_name, file) => {
    const mod = (await import(file)) as { default?: Record<symbol, unknown> };
    expect(mod.default?.[API_ROUTE]).toBe(true);
  });
});
