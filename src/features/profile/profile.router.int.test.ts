import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { rejection } from "@/test/trpc-rejection";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("profile.get / profile.update", () => {
  it("reads and sets the caller's own name, which the band then sees", async () => {
    const { band, owner, member } = await createBandWith(t.db, { member: true });
    const api = callerFor(t.db, member!);
    expect(await api.profile.get()).toEqual({ id: member!.id, name: member!.name, email: member!.email });

    expect(await api.profile.update({ name: "  Robin Vega  " })).toEqual({ id: member!.id, name: "Robin Vega", email: member!.email });
    expect(await api.profile.get()).toMatchObject({ name: "Robin Vega" });
    const rows = await callerFor(t.db, owner).member.list({ bandId: band.id });
    expect(rows.find((r) => r.userId === member!.id)).toMatchObject({ name: "Robin Vega" });
    // Nobody else changed.
    expect((await t.db.user.findUniqueOrThrow({ where: { id: owner.id } })).name).toBe(owner.name);
  });

  it("wants 1-60 characters of plain text", async () => {
    const user = await createUser(t.db, "picky");
    const api = callerFor(t.db, user);
    for (const name of ["", "   ", "x".repeat(61), "Line\nbreak", "Nul\u0000"]) {
      expect(await rejection(api.profile.update({ name }))).toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await api.profile.update({ name: "x".repeat(60) })).toMatchObject({ name: "x".repeat(60) });
    expect(await api.profile.update({ name: "Zoë 🎸" })).toMatchObject({ name: "Zoë 🎸" });
  });

  it("needs a session", async () => {
    expect(await rejection(callerFor(t.db, null).profile.get())).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await rejection(callerFor(t.db, null).profile.update({ name: "Ghost" }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("member.setPart", () => {
  it("sets and clears the caller's own part in one band only; member.list carries it", async () => {
    const { band, owner, member } = await createBandWith(t.db, { member: true });
    const other = await createBandWith(t.db);
    await t.db.bandMember.create({ data: { bandId: other.band.id, userId: member!.id, role: "MEMBER" } });
    const api = callerFor(t.db, member!);

    expect(await api.member.setPart({ bandId: band.id, part: "  Bass  " })).toEqual({ userId: member!.id, part: "Bass" });
    const rows = await callerFor(t.db, owner).member.list({ bandId: band.id });
    expect(rows.find((r) => r.userId === member!.id)).toMatchObject({ part: "Bass" });
    expect(rows.find((r) => r.userId === owner.id)).toMatchObject({ part: null });
    expect((await api.member.list({ bandId: other.band.id })).find((r) => r.userId === member!.id)).toMatchObject({ part: null });

    expect(await api.member.setPart({ bandId: band.id, part: "" })).toEqual({ userId: member!.id, part: null });
    expect(await rejection(api.member.setPart({ bandId: band.id, part: "x".repeat(41) }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await api.member.setPart({ bandId: band.id, part: "x".repeat(40) })).toMatchObject({ part: "x".repeat(40) });
  });

  it("refuses outsiders and anonymous callers", async () => {
    const { band } = await createBandWith(t.db);
    const stranger = await createUser(t.db, "stranger");
    expect(await rejection(callerFor(t.db, stranger).member.setPart({ bandId: band.id, part: "Drums" }))).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
    expect(await rejection(callerFor(t.db, null).member.setPart({ bandId: band.id, part: "Drums" }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});
