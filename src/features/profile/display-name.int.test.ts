import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenOf, useTempOutbox } from "@/features/invites/testing/invite-test-kit";
import type { SessionUser } from "@/server/auth/session";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { raceLabel } from "@/test/race";
import { createTestDatabase } from "@/test/test-database";
import { rejection } from "@/test/trpc-rejection";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let outbox: ReturnType<typeof useTempOutbox>;
beforeAll(async () => {
  outbox = useTempOutbox();
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
  outbox?.cleanup();
});

const rename = (user: SessionUser, name: string) => callerFor(t.db, user).profile.update({ name });
/** Someone from outside the band, already called `name`. */
async function personCalled(name: string) {
  const user = await createUser(t.db, "joiner");
  await t.db.user.update({ where: { id: user.id }, data: { name } });
  return { ...user, name };
}

const nameOf = async (user: SessionUser) => (await t.db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).name;

/** A band whose owner is "Alex Owner", with one more member. */
async function alexsBand() {
  const b = await createBandWith(t.db, { member: true });
  await rename(b.owner, "Alex Owner");
  return b;
}

describe("profile.update refuses a name another member of my bands has", () => {
  it("seen through case, spacing, Unicode forms, lookalike letters and invisible characters; the message says why", async () => {
    const { band, member } = await alexsBand();
    for (const name of ["Alex Owner", "alex owner", "  ALEX   OWNER ", "Al\u200bex Owner", "Alex\u00a0Owner\u200d", "Ａｌｅｘ Ｏｗｎｅｒ", "\u0410lex Owner"]) {
      const refused = await rejection(rename(member!, name));
      expect(refused, name).toMatchObject({ code: "CONFLICT", reason: "NAME_TAKEN", status: 409 });
      expect(refused.message).toBe(`Someone in ${band.name} is already called “Alex Owner”. Choose a name your bands can tell apart, for example with an initial.`);
    }
    expect(await nameOf(member!)).toBe(member!.name);
    const names = (await callerFor(t.db, member!).member.list({ bandId: band.id })).map((r) => r.name);
    expect(names.filter((n) => n === "Alex Owner")).toHaveLength(1);
  });

  it("allows a distinct name, my own name in another form, and a name used only outside my bands; stores it without invisible characters", async () => {
    const { owner, member } = await alexsBand();
    expect(await rename(member!, "Alex  O.\u200b")).toMatchObject({ name: "Alex O." });
    expect(await rename(owner, "alex owner")).toMatchObject({ name: "alex owner" });
    const stranger = await createBandWith(t.db);
    expect(await rename(stranger.owner, "Alex Owner")).toMatchObject({ name: "Alex Owner" });
    expect(await rejection(rename(member!, "\u200b\u200b"))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("counts every band I am in", async () => {
    const { owner } = await alexsBand();
    const other = await createBandWith(t.db);
    await t.db.bandMember.create({ data: { bandId: other.band.id, userId: owner.id, role: "MEMBER" } });
    await rename(other.owner, "Kim");
    expect(await rejection(rename(owner, "KIM"))).toMatchObject({ code: "CONFLICT", reason: "NAME_TAKEN" });
  });

  it(`two members taking one name at once: exactly one gets it ${raceLabel}`, async () => {
    for (let round = 0; round < 10; round++) {
      const { band, member, admin } = await createBandWith(t.db, { member: true, admin: true });
      const outcomes = await Promise.all(
        [rename(member!, "Sam Taken"), rename(admin!, "sam  taken")].map((p) =>
          p.then(
            () => "ok",
            (e: unknown) => (e instanceof TRPCError ? `${e.code}/${(e.cause as { reason?: string }).reason}` : Promise.reject(e)),
          ),
        ),
      );
      expect(outcomes.sort(), `round ${round}`).toEqual(["CONFLICT/NAME_TAKEN", "ok"]);
      const rows = await t.db.bandMember.findMany({ where: { bandId: band.id }, select: { user: { select: { name: true } } } });
      expect(rows.filter((r) => r.user.name?.toLowerCase().replace(/\s+/g, " ") === "sam taken")).toHaveLength(1);
    }
  });
});

describe("joining a band where my name is taken", () => {
  it("by invite: refused with NAME_TAKEN (the invite stays open), then accepted with another name", async () => {
    const { band, owner } = await alexsBand();
    const joiner = await personCalled("Alex Owner");
    const { link } = await callerFor(t.db, owner).invite.create({ bandId: band.id, email: joiner.email, role: "MEMBER" });
    const api = callerFor(t.db, joiner);

    const refused = await rejection(api.invite.accept({ token: tokenOf(link) }));
    expect(refused).toMatchObject({ code: "CONFLICT", reason: "NAME_TAKEN" });
    expect(refused.message).toBe(`Someone in ${band.name} is already called “Alex Owner”. Choose another name to join with, for example with an initial.`);
    expect(await t.db.bandMember.count({ where: { bandId: band.id, userId: joiner.id } })).toBe(0);
    expect(await api.invite.preview({ token: tokenOf(link) })).toMatchObject({ status: "PENDING" });

    expect(await rejection(api.invite.accept({ token: tokenOf(link), name: "alex\u200b owner" }))).toMatchObject({ code: "CONFLICT", reason: "NAME_TAKEN" });
    expect(await api.invite.accept({ token: tokenOf(link), name: "Alex Bass" })).toMatchObject({ bandId: band.id });
    expect(await nameOf(joiner)).toBe("Alex Bass");
    const names = (await callerFor(t.db, owner).member.list({ bandId: band.id })).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["Alex Owner", "Alex Bass"]));
  });

  it("by join link: the same", async () => {
    const { band, owner } = await alexsBand();
    const joiner = await personCalled("ALEX OWNER");
    const { link } = await callerFor(t.db, owner).joinLink.create({ bandId: band.id, expiresInDays: 7, maxUses: 3 });
    const api = callerFor(t.db, joiner);
    expect(await rejection(api.joinLink.join({ token: tokenOf(link) }))).toMatchObject({ code: "CONFLICT", reason: "NAME_TAKEN" });
    expect(await t.db.bandMember.count({ where: { bandId: band.id, userId: joiner.id } })).toBe(0);
    expect(await api.joinLink.join({ token: tokenOf(link), name: "Alex Keys" })).toMatchObject({ bandId: band.id });
    expect(await nameOf(joiner)).toBe("Alex Keys");
  });

  it("a new name given on joining must also be free in the bands I am already in", async () => {
    const { band, owner } = await alexsBand();
    const joiner = await personCalled("Alex Owner");
    const mine = await createBandWith(t.db);
    await t.db.bandMember.create({ data: { bandId: mine.band.id, userId: joiner.id, role: "MEMBER" } });
    await rename(mine.owner, "Alex Drums");
    const { link } = await callerFor(t.db, owner).joinLink.create({ bandId: band.id, expiresInDays: 7, maxUses: 3 });
    expect(await rejection(callerFor(t.db, joiner).joinLink.join({ token: tokenOf(link), name: "alex drums" }))).toMatchObject({ code: "CONFLICT", reason: "NAME_TAKEN" });
    expect(await nameOf(joiner)).toBe("Alex Owner");
  });
});
