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
