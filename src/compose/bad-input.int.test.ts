import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { resetEnvForTests } from "@/env";
import { appRouter } from "@/compose/root-router";
import { createContextInner } from "@/server/api/trpc";
import { UNDECODABLE_INPUT_MESSAGE } from "@/server/errors";
import type { SessionUser } from "@/server/auth/session";
import { seedBand } from "@/test/band-fixture";
import { callerFor } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { authorizationMatrix, type SeededBand } from "@/test/authorization-matrix";

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
    ["share.open", "anonymous", { token: "x".repeat(43), password: "tide pool" }],
    ["share.comment", "anonymous", { token: "x".repeat(43), versionId: "v1", name: "Sam", body: "Kick is loud" }],
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

/**
 * Every number and date input, found by walking each procedure's input schema:
 * a column can only hold so much (Int is 32-bit, PostgreSQL's timestamp stops
 * at 294276 AD), so each is bounded in its schema and an out-of-range value is
 * a 400, never a database error.
 */
type Leaf = { procedure: string; field: string; kind: "int" | "float" | "date"; min: number; max: number };

function leavesOf(schema: unknown, procedure: string, field: string, out: Leaf[]): void {
  const s = schema as { _zod?: { def: Record<string, unknown> }; minValue?: number | null; maxValue?: number | null; isInt?: boolean; minDate?: Date | null; maxDate?: Date | null };
  const def = s._zod?.def;
  if (!def) return;
  switch (def.type) {
    case "object":
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) leavesOf(value, procedure, field ? `${field}.${key}` : key, out);
      return;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return leavesOf(def.innerType, procedure, field, out);
    case "pipe":
      leavesOf(def.in, procedure, field, out);
      return leavesOf(def.out, procedure, field, out);
    case "array":
      return leavesOf(def.element, procedure, `${field}[]`, out);
    case "union":
      for (const option of def.options as unknown[]) leavesOf(option, procedure, field, out);
      return;
    case "intersection":
      leavesOf(def.left, procedure, field, out);
      return leavesOf(def.right, procedure, field, out);
    case "number":
      out.push({ procedure, field, kind: s.isInt ? "int" : "float", min: s.minValue ?? Number.NEGATIVE_INFINITY, max: s.maxValue ?? Number.POSITIVE_INFINITY });
      return;
    case "date":
      out.push({ procedure, field, kind: "date", min: s.minDate?.getTime() ?? Number.NEGATIVE_INFINITY, max: s.maxDate?.getTime() ?? Number.POSITIVE_INFINITY });
      return;
  }
}

const leaves: Leaf[] = [];
for (const [procedurePath, procedure] of Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>)) {
  for (const input of procedure._def.inputs) leavesOf(input, procedurePath, "", leaves);
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);
const YEAR = (y: number) => new Date(Date.UTC(0, 0, 1)).setUTCFullYear(y);

describe("numbers and dates at the column limits", () => {
  it("finds the inputs (the walk works)", () => {
    const found = leaves.map((l) => `${l.procedure}:${l.field}:${l.kind}`);
    expect(found).toEqual(
      expect.arrayContaining(["song.update:tempoBpm:int", "activity.list:limit:int", "comment.create:atSeconds:float", "setlist.create:performAt:date", "setlist.update:performAt:date"]),
    );
  });

  it("every integer input stays within 32 bits, every other number and every date is bounded", () => {
    for (const leaf of leaves) {
      const name = `${leaf.procedure} ${leaf.field}`;
      if (leaf.kind === "int") {
        expect(leaf.min, name).toBeGreaterThanOrEqual(INT32_MIN);
        expect(leaf.max, name).toBeLessThanOrEqual(INT32_MAX);
      } else if (leaf.kind === "float") {
        expect(Number.isFinite(leaf.min) && Number.isFinite(leaf.max), name).toBe(true);
      } else {
        expect(leaf.min, name).toBeGreaterThanOrEqual(YEAR(1900));
        expect(leaf.max, name).toBeLessThan(YEAR(10000));
      }
    }
  });

  const topLevel = leaves.filter((l) => !l.field.includes(".") && !l.field.includes("[]"));
  const bandRows = authorizationMatrix as Record<string, { kind: string; input?: (b: SeededBand) => Record<string, unknown> }>;
  for (const leaf of topLevel) {
    const row = bandRows[leaf.procedure];
    if (row?.kind !== "band" || !row.input) continue;
    it(`${leaf.procedure} refuses ${leaf.field} beyond its column with 400`, async () => {
      const valid = row.input!(own);
      const values: [string, unknown][] =
        leaf.kind === "date"
          ? [
              ["year -1", new Date("-000001-06-01T20:00:00Z")],
              ["year 0", new Date("0000-06-01T20:00:00Z")],
              ["year 1899", new Date("1899-12-31T20:00:00Z")],
              ["year 10000", new Date("+010000-01-01T20:00:00Z")],
              ["the last JavaScript date", new Date(8.64e15)],
              ["no date", new Date(Number.NaN)],
            ]
          : [
              ["2^31", 2 ** 31],
              ["-2^31 - 1", -(2 ** 31) - 1],
              ["2^53", 2 ** 53],
              ["1e308", 1e308],
              ["-1e308", -1e308],
              ["Infinity", Number.POSITIVE_INFINITY],
              ["NaN", Number.NaN],
            ];
      for (const [what, value] of values) {
        expect(await call(own.users.owner, leaf.procedure, { ...valid, [leaf.field]: value }), `${leaf.field} = ${what}`).toEqual(BAD);
      }
    });
  }

  it("a gig date in the years 1900 to 9999 is kept as given", async () => {
    const api = callerFor(t.db, own.users.member);
    for (const iso of ["1900-01-01T00:00:00.000Z", "9999-12-31T23:59:59.000Z"]) {
      const created = await api.setlist.create({ bandId: own.id, name: `Edge ${iso.slice(0, 4)}`, performAt: new Date(iso) });
      const row = await t.db.setlist.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.performAt?.toISOString()).toBe(iso);
    }
  });
});

describe("over HTTP: input the transformer cannot decode", () => {
  async function send(procedurePath: string, payload: string, method: "GET" | "POST" = "GET"): Promise<{ status: number; body: { code: string; message: string; zodError: unknown } }> {
    const url =
      method === "GET" ? `http://localhost/api/trpc/${procedurePath}?input=${encodeURIComponent(payload)}` : `http://localhost/api/trpc/${procedurePath}`;
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(url, method === "GET" ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: payload }),
      router: appRouter,
      createContext: () => createContextInner({ db: t.db, user: own.users.owner }),
    });
    const json = (await response.json()) as { error: { json: { message: string; data: { code: string; zodError: unknown } } } };
    return { status: response.status, body: { code: json.error.json.data.code, message: json.error.json.message, zodError: json.error.json.data.zodError } };
  }

  const bandId = () => JSON.stringify(own.id);
  const deep = (depth: number, leaf: string) => `${"[".repeat(depth)}${leaf}${"]".repeat(depth)}`;
  const cases: [string, () => string][] = [
    ["superjson meta naming a custom type", () => `{"json":{"bandId":${bandId()}},"meta":{"values":{"bandId":["custom","Decimal"]}}}`],
    ["superjson meta naming a class", () => `{"json":{"bandId":${bandId()}},"meta":{"values":{"bandId":["class","Band"]}}}`],
    ["superjson meta naming an unknown type", () => `{"json":{"bandId":${bandId()}},"meta":{"values":{"bandId":["nope"]}}}`],
    ["superjson meta of the wrong shape", () => `{"json":{"bandId":${bandId()}},"meta":{"values":["custom","x"]}}`],
    ["superjson meta nested deeply", () => `{"json":{"bandId":${bandId()}},"meta":{"values":${deep(20_000, '"Date"')}}}`],
    ["an input nested deeply", () => `{"json":{"bandId":${bandId()},"x":${deep(20_000, "1")}}}`],
    ["a __proto__ key in the input", () => `{"json":{"bandId":${bandId()},"__proto__":{"polluted":true}}}`],
    ["a constructor.prototype key in the input", () => `{"json":{"bandId":${bandId()},"constructor":{"prototype":{"polluted":true}}}}`],
    ["a __proto__ key in the meta", () => `{"json":{"bandId":${bandId()}},"meta":{"values":{"__proto__":["Date"]}}}`],
    ["a __proto__ path in the meta", () => `{"json":{"bandId":${bandId()},"a":{}},"meta":{"referentialEqualities":{"a":["__proto__.polluted"]}}}`],
    ["not JSON at all", () => `{"json":{"bandId":`],
  ];

  for (const [what, payload] of cases) {
    it(`${what}: 400 with a readable message, never an internal one`, async () => {
      for (const [procedurePath, method] of [["band.get", "GET"], ["song.create", "POST"]] as const) {
        const answer = await send(procedurePath, payload(), method);
        expect(answer.status, `${procedurePath} ${method}`).toBe(400);
        expect(answer.body.code).toBe("BAD_REQUEST");
        expect(answer.body.message).toBe(UNDECODABLE_INPUT_MESSAGE);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }
    });
  }

  it("a batch with one undecodable input refuses that call with 400 and runs the others", async () => {
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(
        `http://localhost/api/trpc/band.get,band.get?batch=1&input=${encodeURIComponent(`{"0":{"json":{"bandId":${bandId()}}},"1":{"json":{"bandId":${bandId()}},"meta":{"values":["custom","x"]}}}`)}`,
      ),
      router: appRouter,
      createContext: () => createContextInner({ db: t.db, user: own.users.owner }),
    });
    const body = (await response.json()) as { error?: { json: { message: string; data: { httpStatus: number } } } }[];
    expect(JSON.stringify(body)).not.toMatch(/Maximum call stack|transformation|custom/i);
    expect(body[1]?.error?.json.message).toBe(UNDECODABLE_INPUT_MESSAGE);
    expect(body[1]?.error?.json.data.httpStatus).toBe(400);
  });

  it("a gig date in year -1 sent with superjson's Date type is a 400 with the date's rule", async () => {
    const payload = JSON.stringify(superjson.serialize({ bandId: own.id, name: "Far past", performAt: new Date("-000001-06-01T20:00:00Z") }));
    const answer = await send("setlist.create", payload, "POST");
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/between the years 1900 and 9999/);
  });
});
