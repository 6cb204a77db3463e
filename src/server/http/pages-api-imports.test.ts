import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Pages Router API routes (the audio routes) run outside React's server
 * environment, where `import "server-only"` throws at run time (the build does
 * not notice). So no module they import, however indirectly, may carry it; the
 * marker stays on the server modules only App Router code reaches.
 */
const root = path.resolve(import.meta.dirname, "../../..");

function resolveImport(spec: string, from: string): string | null {
  const base = spec.startsWith("@/") ? path.join(root, "src", spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base || base.includes(`${path.sep}generated${path.sep}`)) return null;
  for (const ext of [".ts", ".tsx", "/index.ts", "/index.tsx", ""]) {
    if (fs.existsSync(base + ext) && fs.statSync(base + ext).isFile()) return base + ext;
  }
  return null;
}

function importGraph(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of fs.readFileSync(file, "utf8").matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms)) {
      const resolved = resolveImport(match[1]!, file);
      if (resolved) stack.push(resolved);
    }
  }
  return seen;
}

describe("Pages Router API routes", () => {
  const pagesApi = path.join(root, "src/pages/api");
  const entries = fs
    .readdirSync(pagesApi, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(pagesApi, f))
    .filter((f) => /\.tsx?$/.test(f));

  it("exist (the walk works) and reach the shared server modules", () => {
    const graph = [...importGraph(entries)].map((f) => path.relative(root, f));
    expect(graph).toEqual(expect.arrayContaining(["src/server/db/index.ts", "src/server/log.ts", "src/server/http/api-route.ts"]));
  });

  it('import nothing that carries `import "server-only"`', () => {
    const offenders = [...importGraph(entries)].filter((f) => /^import "server-only";/m.test(fs.readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
