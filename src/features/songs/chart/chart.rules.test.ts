import { describe, expect, it } from "vitest";
import { chartWords, detectFormat, inlinePairs, isChordLine, overPairs, parseChart, transposeChart } from "./chart.rules";

describe("which way a sheet is written", () => {
  it("tells ChordPro, chords over lyrics and plain words apart", () => {
    expect(detectFormat("[Bm]Riding the [E]dark water")).toBe("chordpro");
    expect(detectFormat("{title: Night Ride}\nRiding the dark water")).toBe("chordpro");
    expect(detectFormat("Bm         E\nRiding the dark water")).toBe("chords-over-lyrics");
    expect(detectFormat("[Chorus]\nRiding the dark water")).toBe("plain");
    expect(detectFormat("Riding the dark water\nAll night long")).toBe("plain");
  });

  it("knows a chord line from a lyric line", () => {
    expect(isChordLine("Bm    E   | F#m  x2")).toBe(true);
    expect(isChordLine("  A")).toBe(true);
    expect(isChordLine("A man walks in")).toBe(false);
    expect(isChordLine("|  /  |")).toBe(false);
  });
});

describe("chords to pairs", () => {
  it("splits inline ChordPro at each chord", () => {
    expect(inlinePairs("[Bm]Riding the [E]dark water")).toEqual([
      { chord: "Bm", text: "Riding the " },
      { chord: "E", text: "dark water" },
    ]);
    expect(inlinePairs("Oh [G]yeah[D]")).toEqual([
      { chord: null, text: "Oh " },
      { chord: "G", text: "yeah" },
      { chord: "D", text: "" },
    ]);
  });

  it("gives each chord over a lyric line the lyrics under it up to the next chord", () => {
    expect(overPairs("Bm         E", "Riding the dark water")).toEqual([
      { chord: "Bm", text: "Riding the " },
      { chord: "E", text: "dark water" },
    ]);
    expect(overPairs("     D", "Slow down")).toEqual([
      { chord: null, text: "Slow " },
      { chord: "D", text: "down" },
    ]);
    // Chords past the end of the lyrics, and a tab before a chord.
    expect(overPairs("A   G    C", "Go")).toEqual([
      { chord: "A", text: "Go" },
      { chord: "G", text: "" },
      { chord: "C", text: "" },
    ]);
    expect(overPairs("\tF7", "And again")).toEqual([
      { chord: null, text: "And " },
      { chord: "F7", text: "again" },
    ]);
  });
});

describe("a whole sheet", () => {
  it("reads ChordPro directives, sections and inline chords", () => {
    const chart = parseChart(
      ["{title: Night Ride}", "{st: The Week Band}", "{key: Bm}", "{c: Slow, brushes}", "[Bm]Riding the [E]dark water", "", "{start_of_chorus}", "[G]Home a[D]gain", "{end_of_chorus}", "{unknown: x}", "# a note to self", "{soc: Last chorus}", "[G]Home", "{eoc}"].join("\n"),
    );
    expect(chart.title).toBe("Night Ride");
    expect(chart.subtitle).toBe("The Week Band");
    expect(chart.key).toBe("Bm");
    expect(chart.sections).toEqual([
      {
        kind: "none",
        label: null,
        lines: [
          { kind: "comment", text: "Slow, brushes" },
          { kind: "lyrics", pairs: [{ chord: "Bm", text: "Riding the " }, { chord: "E", text: "dark water" }] },
        ],
      },
      { kind: "chorus", label: "Chorus", lines: [{ kind: "lyrics", pairs: [{ chord: "G", text: "Home a" }, { chord: "D", text: "gain" }] }] },
      { kind: "chorus", label: "Last chorus", lines: [{ kind: "lyrics", pairs: [{ chord: "G", text: "Home" }] }] },
    ]);
  });

  it("reads chords over lyrics with plain headings that a blank line closes", () => {
    const chart = parseChart("Verse 1:\nBm         E\nRiding the dark water\n\n[Chorus]\nG    D\n\nOutro");
    expect(chart.sections).toEqual([
      { kind: "verse", label: "Verse 1", lines: [{ kind: "lyrics", pairs: [{ chord: "Bm", text: "Riding the " }, { chord: "E", text: "dark water" }] }] },
      { kind: "chorus", label: "Chorus", lines: [{ kind: "lyrics", pairs: [{ chord: "G", text: "" }, { chord: "D", text: "" }] }] },
      { kind: "part", label: "Outro", lines: [] },
    ]);
  });

  it("keeps a tab exactly as written", () => {
    const chart = parseChart("{sot}\ne|--0--2--|\nB|--1-----|\n{eot}");
    expect(chart.sections).toEqual([{ kind: "tab", label: "Tab", lines: [{ kind: "verbatim", text: "e|--0--2--|" }, { kind: "verbatim", text: "B|--1-----|" }] }]);
  });

  it("transposes every chord and leaves annotations", () => {
    const chart = transposeChart(parseChart("[Bm]Riding the [E]dark [N.C.]water"), 2, "sharps");
    expect(chart.sections[0]!.lines[0]).toEqual({
      kind: "lyrics",
      pairs: [
        { chord: "C#m", text: "Riding the " },
        { chord: "F#", text: "dark " },
        { chord: "N.C.", text: "water" },
      ],
    });
  });
});

describe("words that wrap together", () => {
  it("gives a pair's chord to its first word and keeps a split word whole", () => {
    expect(chartWords([{ chord: "Bm", text: "Riding the " }, { chord: "E", text: "dark water" }])).toEqual([
      [{ chord: "Bm", text: "Riding" }],
      [{ chord: null, text: "the" }],
      [{ chord: "E", text: "dark" }],
      [{ chord: null, text: "water" }],
    ]);
    expect(chartWords([{ chord: "G", text: "Home a" }, { chord: "D", text: "gain" }])).toEqual([
      [{ chord: "G", text: "Home" }],
      [
        { chord: null, text: "a" },
        { chord: "D", text: "gain" },
      ],
    ]);
  });

  it("stands a chord over spaces or nothing on its own", () => {
    expect(chartWords([{ chord: "G", text: "" }, { chord: "D", text: "  go" }])).toEqual([[{ chord: "G", text: "" }], [{ chord: "D", text: "" }], [{ chord: null, text: "go" }]]);
  });
});
