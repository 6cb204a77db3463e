import { describe, expect, it } from "vitest";
import { bandRoles } from "@/lib/roles";
import { losesLastOwner, memberActions } from "./member.rules";

describe("losesLastOwner", () => {
  it("refuses demoting, removing or losing the only owner", () => {
    expect(losesLastOwner({ ownerCount: 1, from: "OWNER", to: "ADMIN" })).toBe(true);
    expect(losesLastOwner({ ownerCount: 1, from: "OWNER", to: "MEMBER" })).toBe(true);
    expect(losesLastOwner({ ownerCount: 1, from: "OWNER", to: null })).toBe(true);
  });

  it("allows it while another owner remains", () => {
    expect(losesLastOwner({ ownerCount: 2, from: "OWNER", to: "ADMIN" })).toBe(false);
    expect(losesLastOwner({ ownerCount: 2, from: "OWNER", to: null })).toBe(false);
  });

  it("never concerns members who are not owners, or an owner staying owner", () => {
    for (const from of ["ADMIN", "MEMBER"] as const) {
      for (const to of [...bandRoles, null]) expect(losesLastOwner({ ownerCount: 1, from, to })).toBe(false);
    }
    expect(losesLastOwner({ ownerCount: 1, from: "OWNER", to: "OWNER" })).toBe(false);
  });
});

describe("memberActions", () => {
  const me = (role: "OWNER" | "ADMIN" | "MEMBER") => ({ userId: "me", role });
  const them = (role: "OWNER" | "ADMIN" | "MEMBER") => ({ userId: "them", role });

  it("members see no controls on anyone else, and may only leave", () => {
    for (const role of bandRoles) expect(memberActions(me("MEMBER"), them(role))).toEqual({ roleOptions: [], canRemove: false, canLeave: false });
    expect(memberActions(me("MEMBER"), me("MEMBER"))).toEqual({ roleOptions: [], canRemove: false, canLeave: true });
  });

  it("admins manage admins and members but not owners", () => {
    expect(memberActions(me("ADMIN"), them("MEMBER"))).toEqual({ roleOptions: ["ADMIN"], canRemove: true, canLeave: false });
    expect(memberActions(me("ADMIN"), them("ADMIN"))).toEqual({ roleOptions: ["MEMBER"], canRemove: true, canLeave: false });
    expect(memberActions(me("ADMIN"), them("OWNER"))).toEqual({ roleOptions: [], canRemove: false, canLeave: false });
  });

  it("owners manage everyone, including making owners", () => {
    expect(memberActions(me("OWNER"), them("MEMBER"))).toEqual({ roleOptions: ["ADMIN", "OWNER"], canRemove: true, canLeave: false });
    expect(memberActions(me("OWNER"), them("OWNER"))).toEqual({ roleOptions: ["MEMBER", "ADMIN"], canRemove: true, canLeave: false });
  });

  it("nobody removes themselves; they may step down but never up", () => {
    expect(memberActions(me("OWNER"), me("OWNER"))).toEqual({ roleOptions: ["MEMBER", "ADMIN"], canRemove: false, canLeave: true });
    expect(memberActions(me("ADMIN"), me("ADMIN"))).toEqual({ roleOptions: ["MEMBER"], canRemove: false, canLeave: true });
  });
});
