import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { decideBandAccess, type MembershipFacts } from "./band-access";
import type { BandRole } from "@/lib/roles";

const band = { id: "b1", name: "The Band" };

function outcome(facts: MembershipFacts, minRole: BandRole) {
  try {
    return decideBandAccess(facts, minRole);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { status: (error as AppError).status, reason: (error as AppError).reason ?? null };
  }
}

describe("decideBandAccess (the one access rule)", () => {
  it("refuses in the contract's order: 401, then 404, then 403 NOT_A_MEMBER, then 403 INSUFFICIENT_ROLE", () => {
    expect(outcome({ userId: null, band: null, role: null }, "MEMBER")).toEqual({ status: 401, reason: null });
    expect(outcome({ userId: null, band, role: "OWNER" }, "MEMBER")).toEqual({ status: 401, reason: null });
    expect(outcome({ userId: "u", band: null, role: null }, "MEMBER")).toEqual({ status: 404, reason: null });
    expect(outcome({ userId: "u", band, role: null }, "MEMBER")).toEqual({ status: 403, reason: "NOT_A_MEMBER" });
    expect(outcome({ userId: "u", band, role: "MEMBER" }, "ADMIN")).toEqual({ status: 403, reason: "INSUFFICIENT_ROLE" });
  });

  it("words a refusal without the band's name when the caller did not read it", () => {
    expect(() => decideBandAccess({ userId: "u", band: { id: "b1" }, role: "MEMBER" }, "ADMIN")).toThrow("This needs the admin role or higher in this band.");
    expect(() => decideBandAccess({ userId: "u", band, role: "MEMBER" }, "ADMIN")).toThrow("This needs the admin role or higher in The Band.");
  });

  it("grants with the verified band and role when the role is high enough", () => {
    expect(outcome({ userId: "u", band, role: "ADMIN" }, "MEMBER")).toEqual({ userId: "u", role: "ADMIN", band });
    expect(outcome({ userId: "u", band, role: "OWNER" }, "OWNER")).toEqual({ userId: "u", role: "OWNER", band });
  });
});
