import { describe, expect, it } from "vitest";
import { ActivityType } from "@/generated/prisma/enums";
import { describeActivity, type ActivityItem } from "./activity-sentence";

const alex = { id: "alex", name: "Alex", email: "alex@example.test" };
const sam = { id: "sam", name: null, email: "sam@example.test" };
const event = (over: Partial<ActivityItem> & Pick<ActivityItem, "type">): ActivityItem => ({
  actor: alex,
  targetUser: null,
  targetEmail: null,
  fromRole: null,
  toRole: null,
  ...over,
});

describe("describeActivity", () => {
  it("says who changed whose role, from what to what", () => {
    expect(describeActivity(event({ type: "MEMBER_ROLE_CHANGED", targetUser: sam, fromRole: "MEMBER", toRole: "ADMIN" }), "viewer")).toBe(
      "Alex changed sam@example.test from Member to Admin",
    );
  });

  it("speaks to the viewer as you", () => {
    expect(describeActivity(event({ type: "MEMBER_ROLE_CHANGED", targetUser: sam, fromRole: "ADMIN", toRole: "MEMBER" }), "alex")).toBe(
      "You changed sam@example.test from Admin to Member",
    );
    expect(describeActivity(event({ type: "MEMBER_REMOVED", targetUser: sam }), "sam")).toBe("Alex removed you from the band");
    expect(describeActivity(event({ type: "MEMBER_ROLE_CHANGED", targetUser: alex, fromRole: "OWNER", toRole: "ADMIN" }), "x")).toBe(
      "Alex changed their own role from Owner to Admin",
    );
  });

  it("names the invited address for invite events", () => {
    expect(describeActivity(event({ type: "INVITE_CREATED", targetEmail: "new@example.test", toRole: "ADMIN" }), "v")).toBe(
      "Alex invited new@example.test as an admin",
    );
    expect(describeActivity(event({ type: "INVITE_REVOKED", targetEmail: "new@example.test" }), "v")).toBe("Alex revoked the invite to new@example.test");
    expect(describeActivity(event({ type: "INVITE_RESENT", targetEmail: "new@example.test" }), "v")).toBe("Alex sent the invite to new@example.test again");
    expect(describeActivity(event({ type: "INVITE_ACCEPTED", actor: sam, targetUser: sam, targetEmail: "sam@example.test", toRole: "MEMBER" }), "v")).toBe(
      "sam@example.test accepted the invite and joined as a member",
    );
  });

  it("copes with people who have since deleted their account", () => {
    expect(describeActivity(event({ type: "MEMBER_REMOVED", actor: null, targetUser: null }), "v")).toBe(
      "Someone who has since left removed a former member from the band",
    );
  });

  it("has a readable sentence for every event type", () => {
    for (const type of Object.values(ActivityType)) {
      const sentence = describeActivity(event({ type, targetUser: sam, targetEmail: "x@example.test", fromRole: "MEMBER", toRole: "ADMIN" }), "v");
      expect(sentence, type).toMatch(/^(Alex|sam@example\.test|x@example\.test|A guest) /);
      expect(sentence, type).not.toMatch(/undefined|null|_/);
    }
  });
});
