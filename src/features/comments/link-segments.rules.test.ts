import { describe, expect, it } from "vitest";
import { linkSegments, safeHref } from "./link-segments.rules";

describe("linkSegments", () => {
  it("cuts a body into text and http(s) links, leaving trailing punctuation as text", () => {
    expect(linkSegments("Tab: https://tabs.example.com/song?x=1. Thanks")).toEqual([
      { kind: "text", text: "Tab: " },
      { kind: "link", text: "https://tabs.example.com/song?x=1", href: "https://tabs.example.com/song?x=1" },
      { kind: "text", text: ". Thanks" },
    ]);
    expect(linkSegments("see example.com")).toEqual([
      { kind: "text", text: "see " },
      { kind: "link", text: "example.com", href: "http://example.com/" },
    ]);
  });

  it("never links other schemes or emails, and keeps markup as plain text", () => {
    for (const body of ["javascript:alert(1)", "data:text/html,<b>x</b>", "mail me at bo@example.com", "<a href=x>hi</a>", "file:///etc/passwd"]) {
      expect(linkSegments(body).filter((s) => s.kind === "link")).toEqual([]);
      expect(linkSegments(body).map((s) => s.text).join("")).toBe(body);
    }
  });
});

describe("safeHref", () => {
  it("accepts http and https only", () => {
    expect(safeHref("https://a.example/x")).toBe("https://a.example/x");
    expect(safeHref("HTTP://A.example")).toBe("http://a.example/");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("ftp://a.example")).toBeNull();
    expect(safeHref("not a url")).toBeNull();
  });
});

describe("times in a body", () => {
  it("turns m:ss and h:mm:ss within the take into time segments, keeping the rest as text", () => {
    expect(linkSegments("listen at 2:10, then 1:02:03.", { takeSeconds: 4000 })).toEqual([
      { kind: "text", text: "listen at " },
      { kind: "time", text: "2:10", seconds: 130 },
      { kind: "text", text: ", then " },
      { kind: "time", text: "1:02:03", seconds: 3723 },
      { kind: "text", text: "." },
    ]);
    expect(linkSegments("0:00 to 12:05", { takeSeconds: 800 }).filter((s) => s.kind === "time")).toEqual([
      { kind: "time", text: "0:00", seconds: 0 },
      { kind: "time", text: "12:05", seconds: 725 },
    ]);
  });

  it("leaves times past the take's end, and every time when the length is unknown, as text", () => {
    expect(linkSegments("at 2:10 and 0:40", { takeSeconds: 60 })).toEqual([
      { kind: "text", text: "at 2:10 and " },
      { kind: "time", text: "0:40", seconds: 40 },
    ]);
    expect(linkSegments("at 2:10")).toEqual([{ kind: "text", text: "at 2:10" }]);
    expect(linkSegments("at 2:10", { takeSeconds: null })).toEqual([{ kind: "text", text: "at 2:10" }]);
  });

  it("does not read ratios, clock-like codes, decimals, bad seconds or times inside addresses", () => {
    for (const body of ["ratio 3:4:5:6", "v2:10a", "10:30.5 s", "2:75", "1:5", "a:10", "https://example.com/a?t=2:10"]) {
      expect(linkSegments(body, { takeSeconds: 9999 }).filter((s) => s.kind === "time")).toEqual([]);
      expect(linkSegments(body, { takeSeconds: 9999 }).map((s) => s.text).join("")).toBe(body);
    }
  });

  it("finds times around a link", () => {
    expect(linkSegments("1:00 see example.com 2:00", { takeSeconds: 300 }).map((s) => s.kind)).toEqual(["time", "text", "link", "text", "time"]);
  });
});
