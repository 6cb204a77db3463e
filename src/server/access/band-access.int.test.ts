import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { createBandWith, createUser } from "@/test/callers";
import { createTestDatabase } from "@/test/test-database";
import { requireBandAccess } from "./band-access";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

async function denial(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return { status: (error as AppError).status, reason: (error as AppError).reason ?? null };
}

describe("requireBandAccess", () => {
  it("returns the verified band and role when the role is high enough", async () => {
    const { band, admin } = await createBandWith(t.db, { admin: true });
    const access = await requireBandAccess(t.db, { userId: admin!.id, bandId: band.id, minRole: "MEMBER" });
    expect(access).toEqual({ userId: admin!.id, role: "ADMIN", band: { id: band.id, name: band.name } });
  });

  it("maps every refusal to the contract's status and reason", async () => {
    const { band, member } = await createBandWith(t.db, { member: true });
    const stranger = await createUser(t.db);
    expect(await denial(requireBandAccess(t.db, { userId: null, bandId: band.id, minRole: "MEMBER" }))).toEqual({ status: 401, reason: null });
    expect(await denial(requireBandAccess(t.db, { userId: stranger.id, bandId: band.id, minRole: "MEMBER" }))).toEqual({ status: 403, reason: "NOT_A_MEMBER" });
    expect(await denial(requireBandAccess(t.db, { userId: member!.id, bandId: band.id, minRole: "ADMIN" }))).toEqual({ status: 403, reason: "INSUFFICIENT_ROLE" });
    expect(await denial(requireBandAccess(t.db, { userId: member!.id, bandId: "missing", minRole: "MEMBER" }))).toEqual({ status: 404, reason: null });
  });
});
