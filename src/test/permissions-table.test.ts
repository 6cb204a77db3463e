import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { audioRoutes, authorizationMatrix, tokenRoutes } from "./authorization-matrix";
import { PERMISSIONS_END, PERMISSIONS_START, permissionsTable, withPermissionsTable } from "./permissions-table";

const root = path.resolve(import.meta.dirname, "../..");

describe("the permission table in docs/security.md", () => {
  it("is the one generated from the authorization matrix (run `npm run docs:permissions` if not)", () => {
    const doc = fs.readFileSync(path.join(root, "docs/security.md"), "utf8");
    expect(doc).toContain(PERMISSIONS_START);
    expect(withPermissionsTable(doc)).toBe(doc);
  });

  it("has a row for every procedure and audio route, with its minimum role and who else may act", () => {
    const table = permissionsTable();
    for (const name of Object.keys(authorizationMatrix)) expect(table).toContain(`| \`${name}\` |`);
    for (const row of Object.values(audioRoutes)) expect(table).toContain(row.route);
    expect(table).toContain("| `band.delete` | owner | — |");
    expect(table).toContain("| `version.delete` | admin");
    expect(table).not.toContain("| `version.delete` | member");
  });

  it("states the least role that actually succeeds: a member-level row refused to members says admin, plus who else", () => {
    expect(permissionsTable()).toContain("| `comment.delete` | admin | the comment's author |");
  });

  it("refuses a document without the markers instead of guessing where the table goes", () => {
    expect(() => withPermissionsTable("# no markers")).toThrow(/permissions:start/);
    expect(withPermissionsTable(`a\n${PERMISSIONS_START}\nold\n${PERMISSIONS_END}\nb`)).toBe(`a\n${permissionsTable()}\nb`);
  });
});

describe("the declared audio routes", () => {
  /** Every route file under the API folders that is not tRPC, next-auth or a token route is an audio route. */
  function routeFiles(): string[] {
    const found: string[] = [];
    for (const dir of ["src/app/api", "src/pages/api"]) {
      const abs = path.join(root, dir);
      if (!fs.existsSync(abs)) continue;
      for (const entry of fs.readdirSync(abs, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
        const rel = path.relative(root, path.join(entry.parentPath, entry.name));
        if (dir === "src/app/api" && !/route\.tsx?$/.test(entry.name)) continue;
        found.push(rel.split(path.sep).join("/"));
      }
    }
    const byToken = new Set(Object.values(tokenRoutes).map((r) => r.file));
    return found.filter((f) => !f.includes("/api/trpc/") && !f.includes("/api/auth/") && !/\/api\/(health|ready)/.test(f) && !byToken.has(f)).sort();
  }

  it("token routes name files that exist", () => {
    for (const r of Object.values(tokenRoutes)) expect(fs.existsSync(path.join(root, r.file)), r.file).toBe(true);
  });

  it("list every audio route file there is, and only files that exist", () => {
    const declared = Object.values(audioRoutes).map((r) => r.file).sort();
    expect(declared).toEqual(routeFiles());
  });
});
