import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { resetEnvForTests } from "@/env";
import { appRouter } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";
import { seedBand } from "@/test/band-fixture";
import { callerFor } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { authorizationMatrix, type SeededBand } from "./authorization-matrix";

/**
 * Every procedure, fed a NUL byte or a lone surrogate in each of its string
 * inputs, answers 400 BAD_REQUEST with zod issues: never a 500 from the
 * database, never a silently mangled value.
 */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let own: SeededBand;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rh-bad-input-"));
  process.env.DATA_DIR = dataDir;
  process.env.STORAGE_DIR = path.join(dataDir, "audio");
  delete process.env.SMTP_URL;
  resetEnvForTests();
  t = await createTestDatabase();
  own = await seedBand(t.db, "bad");
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Outcome = { code: string; zod: boolean } | "ok";

async function call(user: SessionUser | null, procedurePath: string, input: unknown): Promise<Outcome> {
  let target: unknown = callerFor(t.db, user);
  for (const segment of procedurePath.split(".")) target = (target as Record<string, unknown>)[segment];
  try {
    await (target as (i: unknown) => Promise<unknown>)(input);
    return "ok";
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, zod: error.cause instanceof ZodError };
  }
}

const badValues = [
  ["a NUL byte", (v: string) => `${v.slice(0, 1)}\u0000${v.slice(1)}`],
  ["a lone surrogate", (v: string) => `${v}\uD800`],
  ["a control character", (v: string) => `${v}\u001b[31m`],
] as const;

const BAD = { code: "BAD_REQUEST", zod: true };

describe("every band-scoped procedure refuses bad text in each string input with 400", () => {
  const rows = Object.entries(authorizationMatrix).flatMap(([procedurePath, row]) => (row.kind === "band" ? [[procedurePath, row] as const] : []));
  for (const [procedurePath, row] of rows) {
    it(procedurePath, async () => {
      const valid = row.input(own);
      const fields = Object.entries(valid).filter(([, v]) => typeof v === "string");
      expect(fields.length).toBeGreaterThan(0);
      for (const [field, value] of fields) {
        for (const [what, spoil] of badValues) {
          const outcome = await call(own.users.owner, procedurePath, { ...valid, [field]: spoil(value as string) });
          expect(outcome, `${procedurePath} with ${what} in ${field}`).toEqual(BAD);
        }
      }
    });
  }
});

describe("procedures outside a band refuse bad text too", () => {
  const cases: [string, "anonymous" | "signed-in", Record<string, string>][] = [
    ["band.create", "signed-in", { name: "The Band" }],
    ["invite.preview", "anonymous", { token: "x".repeat(43) }],
    ["invite.accept", "signed-in", { token: "x".repeat(43) }],
    ["invite.decline", "signed-in", { token: "x".repeat(43) }],
    ["joinLink.preview", "anonymous", { token: "x".repeat(43) }],
    ["joinLink.join", "signed-in", { token: "x".repeat(43) }],
    ["profile.update", "signed-in", { name: "Robin" }],
    ["notification.update", "signed-in", { takes: "INSTANT", replies: "DAILY", mentions: "OFF" }],
  ];

  it("covers every procedure that is not band-scoped", () => {
    const unscoped = Object.entries(authorizationMatrix).filter(([, row]) => row.kind !== "band").map(([p]) => p);
    const noStringInput = ["band.list", "profile.get", "notification.get"];
    expect([...cases.map(([p]) => p), ...noStringInput].sort()).toEqual(unscoped.sort());
  });

  for (const [procedurePath, access, valid] of cases) {
    it(procedurePath, async () => {
      const user = access === "anonymous" ? null : own.users.member;
      for (const [field, value] of Object.entries(valid)) {
        for (const [what, spoil] of badValues) {
          expect(await call(user, procedurePath, { ...valid, [field]: spoil(value) }), `${what} in ${field}`).toEqual(BAD);
        }
      }
    });
  }

  it("an invite email with a NUL, a list or a display name is refused, and no invite is stored", async () => {
    for (const email of ["a\u0000@example.test", "a@example.test,b@example.test", "a@example.test;b@example.test", '"a@example.test" <b@example.test>', "a@example.test\r\nBcc: c@example.test"]) {
      expect(await call(own.users.owner, "invite.create", { bandId: own.id, email }), email).toEqual(BAD);
    }
    expect(await t.db.bandInvite.count({ where: { bandId: own.id } })).toBe(1);
  });
});

describe("multi-line text keeps its lines", () => {
  it("a comment keeps newlines and tabs, trims the ends, and stores CRLF as LF", async () => {
    const api = callerFor(t.db, own.users.member);
    const created = await api.comment.create({ bandId: own.id, versionId: own.version.id, body: "  Verse:\r\n\tslower\nChorus  " });
    const row = await t.db.comment.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.body).toBe("Verse:\n\tslower\nChorus");
  });

  it("a single-line title refuses a newline", async () => {
    expect(await call(own.users.member, "song.create", { bandId: own.id, title: "Intro\nOutro" })).toEqual(BAD);
  });
});

describe("over HTTP", () => {
  it("a NUL in a band id is a 400 with zodError in the body, not a 500", async () => {
    const input = superjson.serialize({ bandId: "abc\u0000def" });
    const url = `http://localhost/api/trpc/band.get?input=${encodeURIComponent(JSON.stringify(input))}`;
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(url),
      router: appRouter,
      createContext: () => createContextInner({ db: t.db, user: own.users.owner }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { json: { data: { code: string; zodError: { fieldErrors: Record<string, string[]> } | null } } } };
    expect(body.error.json.data.code).toBe("BAD_REQUEST");
    expect(body.error.json.data.zodError?.fieldErrors.bandId?.[0]).toMatch(/band/i);
  });
});
