import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideRange, type RangeDecision } from "./byte-range";

const full: RangeDecision = { kind: "full" };
const unsatisfiable: RangeDecision = { kind: "unsatisfiable" };
const partial = (start: number, end: number): RangeDecision => ({ kind: "partial", start, end });

describe("decideRange on a 1000-byte file", () => {
  const cases: [string | null, RangeDecision][] = [
    [null, full],
    ["bytes=0-0", partial(0, 0)],
    ["bytes=0-499", partial(0, 499)],
    ["bytes=500-999", partial(500, 999)],
    ["bytes=100-", partial(100, 999)], // open range
    ["bytes=-500", partial(500, 999)], // suffix
    ["bytes=-1", partial(999, 999)],
    ["bytes=-1000", partial(0, 999)],
    ["bytes=-5000", partial(0, 999)], // suffix longer than the file: all of it
    ["bytes=900-5000", partial(900, 999)], // end past the end: clamped
    ["bytes=0-99999999999999999999999", partial(0, 999)],
    ["bytes=999-", partial(999, 999)],
    ["BYTES=1-2", partial(1, 2)], // the unit is case-insensitive
    ["bytes = 1 - 2 ", partial(1, 2)],
    ["bytes=1000-", unsatisfiable], // starts past the end
    ["bytes=1000-1001", unsatisfiable],
    ["bytes=99999999999999999999-", unsatisfiable],
    ["bytes=-0", unsatisfiable], // an empty suffix selects nothing
    ["bytes=5-2", full], // last < first: invalid, ignored
    ["bytes=-", full],
    ["bytes=", full],
    ["bytes=abc", full],
    ["bytes=1-2-3", full],
    ["bytes=0x10-20", full],
    ["bytes=1.5-2", full],
    ["bytes=+1-2", full],
    ["items=0-10", full], // unknown unit
    ["0-10", full],
    ["", full],
    ["bytes=0-1,5-6", full], // several ranges: whole file
    ["bytes=0-1, -5", full],
  ];
  it.each(cases)("%j -> %j", (header, expected) => {
    expect(decideRange(header, 1000)).toEqual(expected);
  });
});

describe("decideRange edge sizes", () => {
  it("an empty file satisfies no range", () => {
    expect(decideRange("bytes=0-", 0)).toEqual(unsatisfiable);
    expect(decideRange("bytes=-5", 0)).toEqual(unsatisfiable);
    expect(decideRange(null, 0)).toEqual(full);
  });
  it("a one-byte file", () => {
    expect(decideRange("bytes=0-", 1)).toEqual(partial(0, 0));
    expect(decideRange("bytes=-9", 1)).toEqual(partial(0, 0));
    expect(decideRange("bytes=1-", 1)).toEqual(unsatisfiable);
  });
});

describe("decideRange properties", () => {
  it("never throws, and a partial answer always lies inside the file", () => {
    fc.assert(
      fc.property(fc.string(), fc.nat({ max: 10_000 }), (header, size) => {
        const decision = decideRange(header, size);
        if (decision.kind === "partial") {
          expect(decision.start).toBeGreaterThanOrEqual(0);
          expect(decision.end).toBeGreaterThanOrEqual(decision.start);
          expect(decision.end).toBeLessThan(size);
        }
      }),
    );
  });

  it("a first-last range is answered with exactly [first, min(last, size-1)] or 416 when first is past the end", () => {
    fc.assert(
      fc.property(fc.nat({ max: 5000 }), fc.nat({ max: 5000 }), fc.nat({ max: 5000 }), (size, a, b) => {
        const [first, last] = a <= b ? [a, b] : [b, a];
        const decision = decideRange(`bytes=${first}-${last}`, size);
        if (first >= size) expect(decision).toEqual(unsatisfiable);
        else expect(decision).toEqual(partial(first, Math.min(last, size - 1)));
      }),
    );
  });

  it("a suffix range selects the last n bytes (or all of them)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 8000 }), (size, n) => {
        expect(decideRange(`bytes=-${n}`, size)).toEqual(partial(Math.max(0, size - n), size - 1));
      }),
    );
  });
});
