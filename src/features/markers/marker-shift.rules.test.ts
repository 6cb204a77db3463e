import { describe, expect, it } from "vitest";
import { markersForTake, toSongSeconds, toTakeSeconds } from "./marker-shift.rules";

describe("song time and take time", () => {
  it("a take whose music starts 2.5 s in has the song's moment s at s + 2.5", () => {
    expect(toSongSeconds(12.5, 2.5)).toBe(10);
    expect(toTakeSeconds(10, 2.5)).toBe(12.5);
    expect(toTakeSeconds(toSongSeconds(33.33, -1.2), -1.2)).toBe(33.33);
  });
});

describe("markersForTake", () => {
  const markers = [
    { id: "solo", songSeconds: 60, endSongSeconds: 75, label: "Solo" },
    { id: "intro", songSeconds: 1, endSongSeconds: null, label: "Intro" },
    { id: "outro", songSeconds: 170, endSongSeconds: null, label: "Outro" },
  ];

  it("shifts every marker by the take's offset, in time order", () => {
    expect(markersForTake(markers, { offsetSeconds: 4, durationSeconds: 200 })).toEqual([
      { id: "intro", atSeconds: 5, endSeconds: null, label: "Intro" },
      { id: "solo", atSeconds: 64, endSeconds: 79, label: "Solo" },
      { id: "outro", atSeconds: 174, endSeconds: null, label: "Outro" },
    ]);
  });

  it("drops markers that fall outside the take and cuts spans to it", () => {
    expect(markersForTake(markers, { offsetSeconds: -2, durationSeconds: 70 })).toEqual([{ id: "solo", atSeconds: 58, endSeconds: 70, label: "Solo" }]);
    expect(markersForTake(markers, { offsetSeconds: -65, durationSeconds: null }).map((m) => [m.id, m.atSeconds, m.endSeconds])).toEqual([
      ["solo", 0, 10],
      ["outro", 105, null],
    ]);
  });
});
