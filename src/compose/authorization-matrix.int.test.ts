import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/env";
import type { PrismaClient } from "@/generated/prisma/client";
import { appRouter } from "@/compose/root-router";
import type { Meta } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";
import { idsOf, seedBand } from "@/test/band-fixture";
import { callerFor } from "@/test/callers";
import { createCaller } from "@/compose/root-router";
import { createContextInner } from "@/server/api/trpc";
import { handleTakeAudio } from "@/features/takes/take-audio.handler";
import { linkAccess } from "@/features/sharing/share-audio.route";
import { getStorage } from "@/server/storage";
import { serveLocally } from "@/test/local-server";
import { createTestDatabase } from "@/test/test-database";
import {
  authorizationMatrix,
  bandSides,
  callers,
  expectedOutcome,
  linkGuestOutcome,
  type BandScopedRow,
  type BandSide,
  type Caller,
  type Outcome,
  type SeededBand,
} from "@/test/authorization-matrix";

type ProcedureDef = { _def: { type: string; meta?: Meta; inputs: unknown[] } };
const procedures = (appRouter._def as unknown as { procedures: Record<string, ProcedureDef> }).procedures;
const routerPaths = Object.keys(procedures).sort();

/** Does any of the procedure's input parsers declare a `bandId` field? */
function takesBandId(procedure: ProcedureDef): boolean {
  return procedure._def.inputs.some((parser) => {
    const shape = (parser as { shape?: Record<string, unknown> } | null)?.shape;
    return !!shape && "bandId" in shape;
  });
}

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
/** Seeded once and shared by every call that must not write. */
let shared: { own: SeededBand; other: SeededBand; nonMember: SessionUser };

beforeAll(async () => {
  // Emails (invite.resend/create) go to this outbox; deleted takes' files would be looked for here.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rh-matrix-"));
  process.env.DATA_DIR = dataDir;
  process.env.STORAGE_DIR = path.join(dataDir, "audio");
  delete process.env.SMTP_URL;
  resetEnvForTests();
  t = await createTestDatabase();
  const [own, other] = [await seedBand(t.db, "own"), await seedBand(t.db, "other")];
  const { createUser } = await import("@/test/callers");
  shared = { own, other, nonMember: await createUser(t.db, "outsider") };
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function userFor(caller: Caller, own: SeededBand): SessionUser | null {
  if (caller === "anonymous") return null;
  if (caller === "nonMember") return shared.nonMember;
  return own.users[caller];
}

type Result = { outcome: Outcome; value?: unknown };

async function invoke(db: PrismaClient, user: SessionUser | null, procedurePath: string, input: unknown): Promise<Result> {
  let target: unknown = callerFor(db, user);
  for (const segment of procedurePath.split(".")) target = (target as Record<string, unknown>)[segment];
  try {
    const value = await (target as (i: unknown) => Promise<unknown>)(input);
    return { outcome: "ok", value };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const reason = (error.cause as { reason?: string } | undefined)?.reason;
    return { outcome: reason ? { code: error.code, reason: reason as never } : { code: error.code } };
  }
}

const json = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "";

/** Every row a band owns, for "the database is unchanged". */
async function snapshot(db: PrismaClient, bandIds: string[]): Promise<string> {
  const where = { bandId: { in: bandIds } };
  const orderBy = { id: "asc" } as const;
  return json(
    await Promise.all([
      db.band.findMany({ where: { id: { in: bandIds } }, orderBy }),
      db.bandMember.findMany({ where, orderBy }),
      db.song.findMany({ where, orderBy }),
      db.version.findMany({ where, orderBy }),
      db.comment.findMany({ where, orderBy }),
      db.bandInvite.findMany({ where, orderBy }),
      db.bandJoinLink.findMany({ where, orderBy }),
      db.bandActivity.findMany({ where, orderBy }),
      db.setlist.findMany({ where, orderBy }),
      db.setlistSong.findMany({ where, orderBy }),
      db.songReadiness.findMany({ where, orderBy: [{ songId: "asc" }, { userId: "asc" }] }),
      db.shareLink.findMany({ where, orderBy }),
    ]),
  );
}

function leakedIds(value: unknown, foreign: SeededBand): string[] {
  const text = json(value);
  return idsOf(foreign).filter((id) => text.includes(id));
}

/** Refused by bandMemberProcedure itself (no session, not a member, below minRole) on the own band. */
function refusedByMiddleware(row: BandScopedRow, caller: Caller): boolean {
  return expectedOutcome({ ...row, allowed: {} }, caller, "own") !== "ok";
}

/** A stand-in band with recognisable ids, to see at collection time which inputs carry ids. */
const probeBand: SeededBand = (() => {
  const user = (r: string) => ({ id: `probe-${r}`, email: `probe-${r}@example.test`, name: null });
  return {
    id: "probe-band",
    name: "Probe",
    users: { owner: user("owner"), admin: user("admin"), member: user("member"), uploader: user("uploader") },
    song: { id: "probe-song" },
    version: { id: "probe-version", storageKey: "probe/key.mp3" },
    comment: { id: "probe-comment" },
    marker: { id: "probe-marker" },
    invite: { id: "probe-invite", email: "probe-invitee@example.test" },
    joinLink: { id: "probe-join-link" },
    activity: { id: "probe-activity" },
    setlist: { id: "probe-setlist" },
    shareLink: { id: "probe-share-link", token: "probe-share-token" },
  };
})();

const label = (o: Outcome) => (o === "ok" ? "ok" : `${o.code}${o.reason ? `/${o.reason}` : ""}`);

describe("the matrix covers the whole router", () => {
  it("has a row for every procedure of appRouter, and none for procedures that do not exist", () => {
    expect(routerPaths.filter((p) => !(p in authorizationMatrix)), "procedures missing from authorization-matrix.ts").toEqual([]);
    expect(Object.keys(authorizationMatrix).filter((p) => !(p in procedures)), "rows for procedures that do not exist").toEqual([]);
  });

  it.each(routerPaths)("%s is band-scoped exactly when built from bandMemberProcedure with the row's minRole", (procedurePath) => {
    const procedure = procedures[procedurePath]!;
    const row = authorizationMatrix[procedurePath];
    const minRole = procedure._def.meta?.band?.minRole;
    if (takesBandId(procedure) || minRole) {
      expect(row?.kind, `${procedurePath} takes a bandId: it needs a band row`).toBe("band");
      expect(minRole, `${procedurePath} takes a bandId but is not built from bandMemberProcedure`).toBeDefined();
      expect(minRole).toBe((row as BandScopedRow).minRole);
    } else {
      expect(row?.kind, `${procedurePath} takes no bandId: list it as not band-scoped`).toBe("not-band-scoped");
    }
  });

  it.each(Object.entries(authorizationMatrix).filter(([, r]) => r.kind === "not-band-scoped" && r.access === "signed-in").map(([p]) => p))(
    "%s (not band-scoped, signed-in) refuses anonymous callers",
    async (procedurePath) => {
      if (!(procedurePath in procedures)) return;
      expect((await invoke(t.db, null, procedurePath, undefined)).outcome).toEqual({ code: "UNAUTHORIZED" });
    },
  );
});

const bandRows = Object.entries(authorizationMatrix).filter((entry): entry is [string, BandScopedRow] => entry[1].kind === "band" && entry[0] in procedures);

describe.each(bandRows)("%s", (procedurePath, row) => {
  /** Calls that get past authorization on a writing procedure run on a fresh own band; all others on the shared one. */
  async function bandsFor(caller: Caller, side: BandSide): Promise<{ own: SeededBand; other: SeededBand }> {
    if (row.mutates && side === "own" && !refusedByMiddleware(row, caller)) return { own: await seedBand(t.db, "own"), other: shared.other };
    return shared;
  }

  it.each(bandSides.flatMap((side) => callers.map((caller) => [side, caller] as [BandSide, Caller])))("%s band, %s", async (side, caller) => {
    const expected = expectedOutcome(row, caller, side);
    const { own, other } = await bandsFor(caller, side);
    const target = side === "own" ? own : other;
    const foreign = side === "own" ? other : own;
    const beforeBoth = await snapshot(t.db, [own.id, other.id]);
    const beforeOther = await snapshot(t.db, [other.id]);

    const result = await invoke(t.db, userFor(caller, own), procedurePath, row.input(target));

    expect(label(result.outcome), `${procedurePath} as ${caller} on the ${side} band`).toBe(label(expected));
    if (result.outcome === "ok") {
      expect(leakedIds(result.value, foreign), "ids of a band the caller is not calling about").toEqual([]);
    }
    if (result.outcome !== "ok" || !row.mutates) {
      expect(await snapshot(t.db, [own.id, other.id]), "a refused call or a query must not change the database").toBe(beforeBoth);
    } else {
      expect(await snapshot(t.db, [other.id]), "a write on one band must not touch another").toBe(beforeOther);
    }
  });

  // Rows whose input carries ids besides bandId (songId, versionId, userId, ...) get a third column.
  const foreignKeys = Object.entries(row.input(probeBand)).filter(([k, v]) => k !== "bandId" && typeof v === "string" && idsOf(probeBand).includes(v)).map(([k]) => k);
  const memberCallers = (["member", "admin", "owner"] as const).filter((c) => expectedOutcome(row, c, "own") === "ok");
  if (foreignKeys.length > 0 && memberCallers.length > 0) {
    it.each(memberCallers)("own bandId with another band's ids, as %s: no foreign rows, no foreign writes", async (caller) => {
      const own = row.mutates ? await seedBand(t.db, "own") : shared.own;
      const other = shared.other;
      const beforeOther = await snapshot(t.db, [other.id]);
      const result = await invoke(t.db, own.users[caller], procedurePath, { ...row.input(other), bandId: own.id });
      if (result.outcome === "ok") {
        expect(leakedIds(result.value, other), `${procedurePath} with foreign ${foreignKeys.join(", ")}`).toEqual([]);
      } else {
        expect(["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN"]).toContain(result.outcome.code);
      }
      expect(await snapshot(t.db, [other.id]), "another band's data must not change").toBe(beforeOther);
    });
  }
});

/**
 * The "link guest" column: a browser holding the own band's share link, its
 * password proved (the unlock cookie), and no session. Every procedure but the
 * link's own answers it as anonymous; its audio routes cover only its take.
 */
describe("a link guest", () => {
  let cookies = "";
  beforeAll(async () => {
    const responseHeaders = new Headers();
    const api = createCaller(createContextInner({ db: t.db, user: null, responseHeaders }));
    await api.share.open({ token: shared.own.shareLink.token, password: "matrix" });
    cookies = responseHeaders.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    expect(cookies).toMatch(/^rh_share_/);
  });

  async function asGuest(procedurePath: string, input: unknown): Promise<Result> {
    let target: unknown = createCaller(createContextInner({ db: t.db, user: null, cookies }));
    for (const segment of procedurePath.split(".")) target = (target as Record<string, unknown>)[segment];
    try {
      return { outcome: "ok", value: await (target as (i: unknown) => Promise<unknown>)(input) };
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      const reason = (error.cause as { reason?: string } | undefined)?.reason;
      return { outcome: reason ? { code: error.code, reason: reason as never } : { code: error.code } };
    }
  }

  const guestInput: Record<string, (b: SeededBand) => unknown> = {
    "share.open": (b) => ({ token: b.shareLink.token }),
    "share.comment": (b) => ({ token: b.shareLink.token, versionId: b.version.id, name: "Guest", body: "Nice" }),
    "invite.preview": (b) => ({ token: b.shareLink.token }),
    "joinLink.preview": (b) => ({ token: b.shareLink.token }),
  };

  it.each(Object.keys(authorizationMatrix).filter((p) => p in procedures))("%s", async (procedurePath) => {
    const row = authorizationMatrix[procedurePath]!;
    const expected = linkGuestOutcome(procedurePath, row);
    const input = guestInput[procedurePath]?.(shared.own) ?? (row.kind === "band" ? row.input(shared.own) : { token: shared.own.shareLink.token });
    const before = await snapshot(t.db, [shared.own.id, shared.other.id]);
    const result = await asGuest(procedurePath, input);
    if (expected === "own link only") {
      expect(label(result.outcome)).toBe("ok");
      expect(leakedIds(result.value, shared.other)).toEqual([]);
      // The same procedure with the other band's take, through this link, is refused.
      const foreign = guestInput[procedurePath]!({ ...shared.own, version: shared.other.version });
      expect(label((await asGuest(procedurePath, foreign)).outcome)).toMatch(procedurePath === "share.open" ? /^ok$/ : /^NOT_FOUND/);
      return;
    }
    expect(label(result.outcome), `${procedurePath} as a link guest`).toBe(label(expected));
    expect(await snapshot(t.db, [shared.own.id, shared.other.id]), "a refused call must not change the database").toBe(before);
  });

  it("the audio routes: the link's own take only; a member's routes and another band's take are refused", async () => {
    const server = await serveLocally((req, res) => {
      const [, token = "", versionId = ""] = /^\/api\/s\/([^/]+)\/versions\/([^/]+)\/peaks$/.exec(req.url ?? "") ?? [];
      const member = /^\/api\/versions\/([^/]+)\/peaks$/.exec(req.url ?? "");
      const deps = { db: t.db, storage: getStorage(), offload: undefined };
      if (member) void handleTakeAudio(req, res, { versionId: member[1]!, purpose: "peaks" }, deps);
      else void handleTakeAudio(req, res, { versionId, purpose: "peaks", access: linkAccess(t.db, token) }, deps);
    });
    try {
      const get = async (path: string) => {
        const response = await fetch(server.origin + path, { headers: { cookie: cookies } });
        return { status: response.status, body: (await response.json()) as { error: { message: string; reason?: string } } };
      };
      // Its own take: past the link's checks (the seeded take has no waveform yet).
      expect(await get(`/api/s/${shared.own.shareLink.token}/versions/${shared.own.version.id}/peaks`)).toMatchObject({ status: 404, body: { error: { message: expect.stringMatching(/waveform/) } } });
      expect((await get(`/api/s/${shared.own.shareLink.token}/versions/${shared.other.version.id}/peaks`)).body.error.message).toBe("This take does not exist.");
      expect((await get(`/api/versions/${shared.own.version.id}/peaks`)).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
