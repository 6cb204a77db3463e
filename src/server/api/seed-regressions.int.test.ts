import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createBandWith, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { rejection } from "@/test/trpc-rejection";

/** Bugs of the product this one replaces, pinned so they cannot come back. */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("seed bug #1: invited members were refused their band's invites", () => {
  it("a plain member gets the band's invite list; a signed-in non-member gets 403 NOT_A_MEMBER", async () => {
    const { band, owner, member } = await createBandWith(t.db, { member: true });
    await t.db.bandInvite.create({
      data: { bandId: band.id, email: "drummer@example.test", role: "MEMBER", tokenHash: `seed-regression-${band.id}`, expiresAt: new Date(Date.now() + 864e5), invitedById: owner.id },
    });

    const list = await callerFor(t.db, member!).invite.list({ bandId: band.id });
    expect(list.invites).toEqual([expect.objectContaining({ email: "drummer@example.test", role: "MEMBER" })]);
    expect(JSON.stringify(list)).not.toMatch(/tokenHash|seed-regression/);

    const stranger = await createUser(t.db, "stranger");
    const refused = await rejection(callerFor(t.db, stranger).invite.list({ bandId: band.id }));
    expect(refused).toMatchObject({ code: "FORBIDDEN", reason: "NOT_A_MEMBER" });
  });
});
