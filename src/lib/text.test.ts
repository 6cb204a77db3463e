import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emailAddress, hasLoneSurrogate, optionalText, text } from "./text";

const title = text({ label: "A title", max: 20 });
const body = text({ label: "A comment", max: 200, multiline: true });

describe("text()", () => {
  it("no accepted value contains NUL, another control character or a lone surrogate, and every one is trimmed and bounded", () => {
    // Any UTF-16 code units at all, lone surrogates and controls included.
    const anyString = fc.string({ unit: "binary", maxLength: 40 });
    for (const [schema, multiline] of [[title, false], [body, true]] as const) {
      fc.assert(
        fc.property(anyString, (value) => {
          const parsed = schema.safeParse(value);
          if (!parsed.success) return;
          const out = parsed.data;
          expect(out).not.toContain("\u0000");
          expect(hasLoneSurrogate(out)).toBe(false);
          expect(out).toBe(out.trim());
          expect(out.length).toBeGreaterThanOrEqual(1);
          for (const ch of out) {
            const code = ch.codePointAt(0)!;
            const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
            if (control) expect(multiline && (ch === "\n" || ch === "\t")).toBe(true);
          }
        }),
        { numRuns: 2000 },
      );
    }
  }, 30_000);

  it("accepts every well-formed printable string, trimmed", () => {
    // Lengths count UTF-16 code units, as zod does: a grapheme can be several.
    const printable = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 15 })
      .filter((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s) && s.trim().length > 0 && s.length <= 20);
    fc.assert(
      fc.property(printable, fc.constantFrom("", " ", "  \t"), (value, pad) => {
        expect(title.parse(`${pad}${value}${pad}`)).toBe(value.trim());
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ["Take\u0000one", /control characters/],
    ["Take\none", /one line/],
    ["\u001b[31mred", /control characters/],
    ["bad \ud800 half", /not valid text/],
    ["bad \udc00 half", /not valid text/],
    ["   ", /is required/],
    ["x".repeat(21), /at most 20 characters/],
  ])("refuses %j with a readable message", (value, message) => {
    const result = title.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it("keeps emoji (surrogate pairs) and accents", () => {
    expect(title.parse(" Café 🎸 ")).toBe("Café 🎸");
  });

  it("multi-line: keeps tabs and newlines inside, folds CRLF and CR into LF, trims the ends", () => {
    expect(body.parse("\r\n  Verse:\r\n\tslow\rend \n")).toBe("Verse:\n\tslow\nend");
    expect(body.safeParse("a\u0000b").error?.issues[0]?.message).toBe("A comment cannot contain control characters.");
    expect(body.safeParse("a\u000bb").success).toBe(false);
  });

  it("optionalText: blank becomes null", () => {
    const notes = optionalText({ label: "Notes", max: 10 });
    expect(notes.parse("   ")).toBeNull();
    expect(notes.parse(" x ")).toBe("x");
    expect(notes.safeParse("a\u0000").success).toBe(false);
  });
});

describe("emailAddress()", () => {
  const email = emailAddress();
  it.each([
    ["  You@Example.COM ", "you@example.com"],
    ["o'brien+band@mail.example.org", "o'brien+band@mail.example.org"],
    ["a.b@sub-domain.example.co.uk", "a.b@sub-domain.example.co.uk"],
  ])("accepts %j as %j", (input, expected) => {
    expect(email.parse(input)).toBe(expected);
  });

  it.each([
    "a@example.com,b@example.com",
    "a@example.com;b@example.com",
    "a@example.com b@example.com",
    '"a@example.com" <b@example.com>',
    "Alice <alice@example.com>",
    "<alice@example.com>",
    "alice@example.com\r\nBcc: eve@example.com",
    "alice\u0000@example.com",
    "alice@example.com\u0000",
    '"alice"@example.com',
    "alice(comment)@example.com",
    "alice@localhost",
    "alice@@example.com",
    "alice@example..com",
    "alice..b@example.com",
    "@example.com",
    "alice@",
    "alice@-example.com",
    `${"a".repeat(250)}@example.com`,
    "",
  ])("refuses %j", (input) => {
    const result = email.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/email address/i);
  });

  it("no accepted address holds more than one @, whitespace, a separator or a control character", () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string({ unit: "binary", maxLength: 60 })), (value) => {
        const parsed = email.safeParse(value);
        if (!parsed.success) return;
        expect(parsed.data.split("@")).toHaveLength(2);
        expect(parsed.data).not.toMatch(/[\s,;<>"()\u0000-\u001f\u007f]/);
        expect(parsed.data).toBe(parsed.data.toLowerCase());
        expect(parsed.data.length).toBeLessThanOrEqual(254);
      }),
      { numRuns: 2000 },
    );
  });
});
