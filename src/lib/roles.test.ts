import { describe, expect, it } from "vitest";
import { bandRoles, canChangeRole, canGrantRole, canManageMember, canRemoveMember, grantableRoles, hasAtLeastRole, roleChangeOptions, type BandRole } from "./roles";

describe("hasAtLeastRole", () => {
  const cases: [BandRole, BandRole, boolean][] = [
    ["OWNER", "OWNER", true], ["OWNER", "ADMIN", true], ["OWNER", "MEMBER", true],
    ["ADMIN", "OWNER", false], ["ADMIN", "ADMIN", true], ["ADMIN", "MEMBER", true],
    ["MEMBER", "OWNER", false], ["MEMBER", "ADMIN", false], ["MEMBER", "MEMBER", true],
  ];
  it.each(cases)("%s at least %s -> %s", (role, min, expected) => {
    expect(hasAtLeastRole(role, min)).toBe(expected);
  });
});

describe("granting roles", () => {
  it("owners grant every role, admins up to admin, members nothing", () => {
    expect(grantableRoles("OWNER")).toEqual(["MEMBER", "ADMIN", "OWNER"]);
    expect(grantableRoles("ADMIN")).toEqual(["MEMBER", "ADMIN"]);
    expect(grantableRoles("MEMBER")).toEqual([]);
  });

  it("nobody grants a role above their own", () => {
    for (const actor of bandRoles) {
      for (const role of bandRoles) {
        if (canGrantRole(actor, role)) expect(hasAtLeastRole(actor, role)).toBe(true);
      }
    }
  });

  it("only owners make owners", () => {
    expect(bandRoles.filter((actor) => canGrantRole(actor, "OWNER"))).toEqual(["OWNER"]);
  });
});

describe("managing members", () => {
  it("admins never change or remove an owner", () => {
    expect(canManageMember("ADMIN", "OWNER")).toBe(false);
    for (const to of bandRoles) expect(canChangeRole("ADMIN", "OWNER", to)).toBe(false);
  });

  it("admins manage admins and members, but cannot promote to owner", () => {
    expect(canManageMember("ADMIN", "ADMIN")).toBe(true);
    expect(canChangeRole("ADMIN", "MEMBER", "ADMIN")).toBe(true);
    expect(canChangeRole("ADMIN", "ADMIN", "MEMBER")).toBe(true);
    expect(canChangeRole("ADMIN", "MEMBER", "OWNER")).toBe(false);
  });

  it("owners manage everyone, including other owners", () => {
    for (const target of bandRoles) expect(canManageMember("OWNER", target)).toBe(true);
    expect(canChangeRole("OWNER", "OWNER", "MEMBER")).toBe(true);
    expect(canChangeRole("OWNER", "MEMBER", "OWNER")).toBe(true);
  });

  it("members manage nobody", () => {
    for (const target of bandRoles) {
      expect(canManageMember("MEMBER", target)).toBe(false);
      for (const to of bandRoles) expect(canChangeRole("MEMBER", target, to)).toBe(false);
    }
  });
});

describe("roleChangeOptions / canRemoveMember", () => {
  it("lists only the other roles the actor may move the target to", () => {
    expect(roleChangeOptions("OWNER", "MEMBER")).toEqual(["ADMIN", "OWNER"]);
    expect(roleChangeOptions("OWNER", "OWNER")).toEqual(["MEMBER", "ADMIN"]);
    expect(roleChangeOptions("ADMIN", "MEMBER")).toEqual(["ADMIN"]);
    expect(roleChangeOptions("ADMIN", "ADMIN")).toEqual(["MEMBER"]);
    expect(roleChangeOptions("ADMIN", "OWNER")).toEqual([]);
    for (const target of bandRoles) expect(roleChangeOptions("MEMBER", target)).toEqual([]);
  });

  it("never offers a change the rules refuse", () => {
    for (const actor of bandRoles) {
      for (const target of bandRoles) {
        for (const to of roleChangeOptions(actor, target)) expect(canChangeRole(actor, target, to)).toBe(true);
      }
    }
  });

  it("removal follows the management hierarchy", () => {
    expect(canRemoveMember("OWNER", "OWNER")).toBe(true);
    expect(canRemoveMember("ADMIN", "OWNER")).toBe(false);
    expect(canRemoveMember("ADMIN", "ADMIN")).toBe(true);
    expect(canRemoveMember("ADMIN", "MEMBER")).toBe(true);
    for (const target of bandRoles) expect(canRemoveMember("MEMBER", target)).toBe(false);
  });
});
