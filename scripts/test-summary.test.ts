import { describe, expect, it } from "vitest";
import { playwrightFailureDetails, playwrightFailures, raceCounts, summarize, vitestCounts, vitestFailures, type PlaywrightReport, type VitestReport } from "./test-summary";

const report = (tests: [string, string][]): VitestReport => ({
  numPassedTests: tests.filter(([, s]) => s === "passed").length,
  numFailedTests: tests.filter(([, s]) => s === "failed").length,
  numPendingTests: tests.filter(([, s]) => s === "skipped").length,
  numTodoTests: 0,
  testResults: [{ assertionResults: tests.map(([fullName, status]) => ({ fullName, status })) }],
});

const onPostgres = report([
  ["never zero owners: two owners leave at once keeps exactly one owner over 25 rounds (race: PostgreSQL)", "passed"],
  ["invite.accept race on postgresql 20 parallel accepts (race: PostgreSQL)", "failed"],
  ["band.create makes the creator the owner", "passed"],
]);
const onPglite = report([["never zero owners keeps exactly one owner (serial smoke on PGlite: cannot detect a missing lock)", "passed"]]);

describe("npm test's summary", () => {
  it("counts the race tests that ran on PostgreSQL, by their label", () => {
    expect(raceCounts(onPostgres)).toEqual({ passed: 1, failed: 1 });
    expect(raceCounts(onPglite)).toEqual({ passed: 0, failed: 0 });
  });

  it("is one line with every suite and the race count", () => {
    const pg = vitestCounts(onPostgres);
    const s = summarize([{ counts: { passed: 10, failed: 0, skipped: 0 }, exitStatus: 0 }, { counts: pg, exitStatus: 1 }], { races: raceCounts(onPostgres) });
    expect(s).toEqual({ line: "12 passed, 1 failed · race tests on PostgreSQL: 1 passed, 1 failed", ok: false, notes: [] });
  });

  it("fails a PostgreSQL pass in which no race test ran, even if everything else passed", () => {
    const s = summarize([{ counts: vitestCounts(onPglite), exitStatus: 0 }], { races: raceCounts(onPglite) });
    expect(s.ok).toBe(false);
    expect(s.line).toBe("1 passed, 1 failed · race tests on PostgreSQL: 0 passed, 0 failed");
    expect(s.notes[0]).toMatch(/race pass did not happen/);
  });

  it("fails on a skipped test and on a suite that crashed without a report", () => {
    expect(summarize([{ counts: { passed: 3, failed: 0, skipped: 1 }, exitStatus: 0 }]).ok).toBe(false);
    expect(summarize([{ counts: vitestCounts(null), exitStatus: 1 }])).toMatchObject({ ok: false, line: "0 passed, 1 failed" });
    expect(summarize([{ counts: { passed: 2, failed: 0, skipped: 0 }, exitStatus: 1 }])).toMatchObject({ ok: false, line: "2 passed, 1 failed" });
  });

  it("passes a clean run and says nothing about races when no PostgreSQL pass was asked for", () => {
    expect(summarize([{ counts: { passed: 5, failed: 0, skipped: 0 }, exitStatus: 0 }])).toEqual({ line: "5 passed, 0 failed", ok: true, notes: [] });
  });

  it("names the failed tests: vitest by full name, Playwright by file, title and the error's first line", () => {
    expect(vitestFailures(onPostgres)).toEqual(["invite.accept race on postgresql 20 parallel accepts (race: PostgreSQL)"]);
    const playwright: PlaywrightReport = {
      stats: { expected: 1, flaky: 0, unexpected: 1, skipped: 0 },
      suites: [
        {
          title: "songs.spec.ts",
          file: "songs.spec.ts",
          specs: [{ title: "plays a take", tests: [{ status: "expected", results: [{}] }] }],
          suites: [
            {
              title: "uploads",
              specs: [
                {
                  title: "shows progress",
                  tests: [
                    {
                      status: "unexpected",
                      results: [{ error: { message: "\u001b[31mError: expect(locator).toBeVisible() failed\u001b[39m\n\nLocator: getByText('42%')\nExpected: visible", location: { file: "/any/e2e/songs.spec.ts", line: 12, column: 3 } } }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightFailures(playwright)).toEqual(["songs.spec.ts > shows progress: Error: expect(locator).toBeVisible() failed"]);
    expect(playwrightFailures(null)).toEqual([]);
    expect(playwrightFailureDetails(playwright)).toEqual([
      "  songs.spec.ts > shows progress (songs.spec.ts:12)",
      "    Error: expect(locator).toBeVisible() failed",
      "    Locator: getByText('42%')",
      "    Expected: visible",
    ]);
    expect(playwrightFailureDetails(playwright, 1)).toEqual(["  songs.spec.ts > shows progress (songs.spec.ts:12)", "    Error: expect(locator).toBeVisible() failed", "    … 2 more lines in the report"]);
  });
});
