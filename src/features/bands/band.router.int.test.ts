import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { createPrismaClient } from "@/server/db/client";
import { rejection } from "@/test/trpc-rejection";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("band.create / band.list", () => {
  it("makes the creator the owner and lists the band with that role", async () => {
    const user = await createUser(t.db, "creator");
    const api = callerFor(t.db, user);
    const band = await api.band.create({ name: "  The Tuesday Club  " });
    expect(band).toMatchObject({ name: "The Tuesday Club", role: "OWNER" });

    const list = await api.band.list();
    expect(list).toEqual([expect.objectContaining({ id: band.id, name: "The Tuesday Club", role: "OWNER", memberCount: 1, songCount: 0 })]);

    const activity = await t.db.bandActivity.findMany({ where: { bandId: band.id } });
    expect(activity).toEqual([expect.objectContaining({ type: "BAND_CREATED", actorId: user.id })]);
  });

  it("lists only the caller's own bands", async () => {
    const { band } = await createBandWith(t.db);
    const stranger = await createUser(t.db, "stranger");
    expect(await callerFor(t.db, stranger).band.list()).toEqual([]);
    const ownerBands = await callerFor(t.db, (await t.db.bandMember.findFirstOrThrow({ where: { bandId: band.id }, include: { user: true } })).user).band.list();
    expect(ownerBands.map((b) => b.id)).toEqual([band.id]);
  });

  it("rejects an empty or too long name with BAD_REQUEST and zod issues", async () => {
    const api = callerFor(t.db, await createUser(t.db));
    expect((await rejection(api.band.create({ name: "   " }))).code).toBe("BAD_REQUEST");
    expect((await rejection(api.band.create({ name: "x".repeat(81) }))).code).toBe("BAD_REQUEST");
    expect(await t.db.band.count({ where: { name: "" } })).toBe(0);
  });

  it("refuses anonymous callers", async () => {
    expect((await rejection(callerFor(t.db, null).band.create({ name: "Nope" }))).code).toBe("UNAUTHORIZED");
    expect((await rejection(callerFor(t.db, null).band.list())).code).toBe("UNAUTHORIZED");
  });
});

describe("band creation limit (429 RATE_LIMITED), per person, stored in the database", () => {
  it("lets one person create 20 bands a day, refuses the 21st with a readable message, on any app instance", async () => {
    const user = await createUser(t.db, "prolific");
    const otherInstance = createPrismaClient(t.url);
    try {
      for (let i = 0; i < 20; i++) await callerFor(i % 2 ? otherInstance : t.db, user).band.create({ name: `Project ${i}` });
      const refused = await rejection(callerFor(otherInstance, user).band.create({ name: "Project 21" }));
      expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "RATE_LIMITED" });
      expect(refused.message).toMatch(/^You have created 20 bands today\. Try again in \d+ hours\.$/);
      expect(await t.db.bandMember.count({ where: { userId: user.id } })).toBe(20);
      expect(await t.db.band.count({ where: { name: "Project 21" } })).toBe(0);
      const counter = await t.db.rateLimiterFlexible.findFirstOrThrow({ where: { key: { endsWith: user.id } } });
      expect(counter.expire!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);

      // Someone else still may; and after the window, so may they.
      await expect(callerFor(t.db, await createUser(t.db, "other")).band.create({ name: "Fresh" })).resolves.toMatchObject({ role: "OWNER" });
      await t.db.rateLimiterFlexible.updateMany({ where: { key: { endsWith: user.id } }, data: { expire: new Date(Date.now() - 1) } });
      await expect(callerFor(t.db, user).band.create({ name: "Project 21" })).resolves.toMatchObject({ role: "OWNER" });
    } finally {
      await otherInstance.$disconnect();
    }
  });
});

describe("band.get through bandMemberProcedure", () => {
  it("gives members the band and their role", async () => {
    const { band, member } = await createBandWith(t.db, { member: true });
    const got = await callerFor(t.db, member!).band.get({ bandId: band.id });
    expect(got).toMatchObject({ id: band.id, myRole: "MEMBER", memberCount: 2 });
  });

  it("401 anonymous, 403 NOT_A_MEMBER for strangers, 404 for unknown bands", async () => {
    const { band } = await createBandWith(t.db);
    const stranger = await createUser(t.db, "stranger");
    expect(await rejection(callerFor(t.db, null).band.get({ bandId: band.id }))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await rejection(callerFor(t.db, stranger).band.get({ bandId: band.id }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
    expect(await rejection(callerFor(t.db, stranger).band.get({ bandId: "does-not-exist" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("reads membership on every call: a new member acts at once, a removed one is refused next time", async () => {
    const { band } = await createBandWith(t.db);
    const newcomer = await createUser(t.db, "newcomer");
    const api = callerFor(t.db, newcomer);
    expect(await rejection(api.band.get({ bandId: band.id }))).toMatchObject({ reason: "NOT_A_MEMBER" });

    await t.db.bandMember.create({ data: { bandId: band.id, userId: newcomer.id, role: "MEMBER" } });
    expect((await api.band.get({ bandId: band.id })).myRole).toBe("MEMBER");

    await t.db.bandMember.delete({ where: { bandId_userId: { bandId: band.id, userId: newcomer.id } } });
    expect(await rejection(api.band.get({ bandId: band.id }))).toMatchObject({ reason: "NOT_A_MEMBER" });
  });
});
