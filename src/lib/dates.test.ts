import { describe, expect, it } from "vitest";
import { dateSchema } from "./dates";

describe("dateSchema", () => {
  const schema = dateSchema("The date", "Give a date.");
  it("takes dates from 1900 to 9999, as a Date or an ISO string", () => {
    for (const ok of ["1900-01-01T00:00:00Z", "2031-05-02T20:00:00Z", "9999-12-31T23:59:59.999Z"]) {
      expect(schema.parse(new Date(ok)).toISOString(), ok).toBe(new Date(ok).toISOString());
      expect(schema.parse(ok).toISOString(), ok).toBe(new Date(ok).toISOString());
    }
  });

  it("refuses years PostgreSQL cannot store or no gig has, with a readable message", () => {
    for (const bad of ["-000001-06-01T00:00:00Z", "0000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "+010000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z"]) {
      const result = schema.safeParse(new Date(bad));
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message, bad).toBe("The date must be between the years 1900 and 9999.");
    }
  });

  it("refuses what is no date at all", () => {
    for (const bad of ["garbage", new Date(Number.NaN), Number.POSITIVE_INFINITY, {}]) {
      expect(schema.safeParse(bad).error?.issues[0]?.message, String(bad)).toBe("Give a date.");
    }
  });
});
