import { describe, expect, it } from "vitest";
import { nextGigLine } from "./next-gig-line";

// Local-time dates; 2030-01-11 is a Friday.
const at = (day: number, hour = 12) => new Date(2030, 0, day, hour);
const friday = at(11, 20);

describe("nextGigLine", () => {
  it("uses the set's name alone when it already holds the weekday", () => {
    expect(nextGigLine({ name: "Friday at the Crown", performAt: friday, notReadyCount: 2, now: at(8) })).toBe("2 songs not ready for Friday at the Crown.");
    expect(nextGigLine({ name: "the crown, friday", performAt: friday, notReadyCount: 1, now: at(8) })).toBe("1 song not ready for the crown, friday.");
  });

  it("adds the day in brackets when the name does not say it", () => {
    expect(nextGigLine({ name: "Spring social", performAt: friday, notReadyCount: 3, now: at(8) })).toBe("3 songs not ready for Spring social (Friday).");
    expect(nextGigLine({ name: "Saturday at the Crown", performAt: friday, notReadyCount: 3, now: at(8) })).toBe("3 songs not ready for Saturday at the Crown (Friday).");
  });

  it("says today and tomorrow, and takes 'tonight' in a name as today", () => {
    expect(nextGigLine({ name: "Friday at the Crown", performAt: friday, notReadyCount: 2, now: at(10) })).toBe("2 songs not ready for Friday at the Crown (tomorrow).");
    expect(nextGigLine({ name: "Tonight at the Crown", performAt: friday, notReadyCount: 2, now: at(11, 9) })).toBe("2 songs not ready for Tonight at the Crown.");
    expect(nextGigLine({ name: "The Crown", performAt: friday, notReadyCount: 2, now: at(11, 9) })).toBe("2 songs not ready for The Crown (today).");
  });

  it("names the date beyond a week", () => {
    expect(nextGigLine({ name: "The Crown", performAt: at(25), notReadyCount: 1, now: at(10) })).toBe("1 song not ready for The Crown (25 Jan).");
  });

  it("does not take a weekday hidden inside another word", () => {
    expect(nextGigLine({ name: "Fridays", performAt: friday, notReadyCount: 2, now: at(8) })).toBe("2 songs not ready for Fridays (Friday).");
  });

  it("says everyone is ready, in the same natural way", () => {
    expect(nextGigLine({ name: "Friday at the Crown", performAt: friday, notReadyCount: 0, now: at(8) })).toBe("Everyone is ready for Friday at the Crown.");
    expect(nextGigLine({ name: "Spring social", performAt: friday, notReadyCount: 0, now: at(8) })).toBe("Everyone is ready for Spring social (Friday).");
  });
});
