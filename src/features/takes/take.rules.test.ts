import { describe, expect, it } from "vitest";
import type { BandRole } from "@/lib/roles";
import { canEditVersion } from "./take.rules";

describe("canEditVersion (uploader or admin)", () => {
  const cases: [BandRole, boolean, boolean][] = [
    ["MEMBER", true, true],
    ["MEMBER", false, false],
    ["ADMIN", true, true],
    ["ADMIN", false, true],
    ["OWNER", true, true],
    ["OWNER", false, true],
  ];
  it.each(cases)("%s, uploader=%s -> %s", (role, isUploader, expected) => {
    expect(canEditVersion({ role, isUploader })).toBe(expected);
  });
});
