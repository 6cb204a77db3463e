/**
 * The numbers behind `npm test`'s summary, from the JSON reports vitest and
 * Playwright write. Kept apart from scripts/test-all.ts (which runs the
 * suites) so the counting has its own tests.
 */
import path from "node:path";
import { RACE_LABEL_POSTGRES } from "../src/test/race";

export type Counts = { passed: number; failed: number; skipped: number };

export type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
};

export type PlaywrightReport = {
  stats: { expected: number; flaky: number; unexpected: number; skipped: number };
  suites?: PlaywrightSuite[];
};

type PlaywrightError = { message?: string; location?: { file: string; line: number; column: number } };

type PlaywrightSuite = {
  title: string;
  file?: string;
  specs?: { title: string; tests: { status: string; results: { error?: PlaywrightError }[] }[] }[];
  suites?: PlaywrightSuite[];
};

/** A missing report means the suite crashed before it could write one: one failure. */
export function vitestCounts(report: VitestReport | null): Counts {
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

export function playwrightCounts(report: PlaywrightReport | null): Counts {
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const s = report.stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

/** The names of the tests that failed, so the last lines of a run say which. */
export function vitestFailures(report: VitestReport | null): string[] {
  return (report?.testResults ?? []).flatMap((f) => f.assertionResults).filter((r) => r.status === "failed").map((r) => r.fullName);
}

/** Failed Playwright tests as "file > title: first line of the error". */
export function playwrightFailures(report: PlaywrightReport | null): string[] {
  return failedPlaywrightTests(report).map(({ name, error }) => {
    const first = error?.message ? stripAnsi(error.message).split("\n")[0]!.slice(0, 300) : "";
    return first ? `${name}: ${first}` : name;
  });
}

/**
 * Each failed Playwright test's error as the run's last lines can carry it:
 * where it failed and the start of the message (what was expected, what was
 * found, axe's list), at most `maxLines` lines a test, so a log that keeps
 * only its tail still tells why.
 */
export function playwrightFailureDetails(report: PlaywrightReport | null, maxLines = 24): string[] {
  return failedPlaywrightTests(report).flatMap(({ name, error }) => {
    const where = error?.location ? ` (${path.basename(error.location.file)}:${error.location.line})` : "";
    const lines = error?.message ? stripAnsi(error.message).split("\n").filter((l) => l.trim() !== "") : [];
    const shown = lines.slice(0, maxLines).map((l) => `    ${l.slice(0, 300)}`);
    if (lines.length > maxLines) shown.push(`    … ${lines.length - maxLines} more lines in the report`);
    return [`  ${name}${where}`, ...shown];
  });
}

function failedPlaywrightTests(report: PlaywrightReport | null): { name: string; error?: PlaywrightError }[] {
  const out: { name: string; error?: PlaywrightError }[] = [];
  const walk = (suite: PlaywrightSuite, file: string | undefined) => {
    const here = suite.file ?? file;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== "unexpected") continue;
        out.push({ name: `${here ?? suite.title} > ${spec.title}`, error: test.results.map((r) => r.error).find((e) => e?.message) });
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report?.suites ?? []) walk(suite, undefined);
  return out;
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/** The race tests that ran where they can fail (their names carry the PostgreSQL label). */
export function raceCounts(report: VitestReport | null): { passed: number; failed: number } {
  const races = (report?.testResults ?? []).flatMap((f) => f.assertionResults).filter((r) => r.fullName.includes(RACE_LABEL_POSTGRES));
  return { passed: races.filter((r) => r.status === "passed").length, failed: races.filter((r) => r.status === "failed").length };
}

type Suite = { counts: Counts; exitStatus: number };

/**
 * The one summary line, and whether the run passed. A suite that exited
 * non-zero without reporting a failure counts as one failure; any skipped
 * test fails the run; so does a PostgreSQL pass in which no race test ran.
 */
export function summarize(suites: Suite[], postgres?: { races: { passed: number; failed: number } }): { line: string; ok: boolean; notes: string[] } {
  const notes: string[] = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const { counts, exitStatus } of suites) {
    passed += counts.passed;
    failed += counts.failed + (exitStatus !== 0 && counts.failed === 0 ? 1 : 0);
    skipped += counts.skipped;
  }
  let racePart = "";
  if (postgres) {
    const ran = postgres.races.passed + postgres.races.failed;
    if (ran === 0) {
      failed += 1;
      notes.push(`no test named "${RACE_LABEL_POSTGRES}" ran on PostgreSQL: the race pass did not happen`);
    }
    racePart = ` · race tests on PostgreSQL: ${postgres.races.passed} passed, ${postgres.races.failed} failed`;
  }
  const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}${racePart}`;
  return { line, ok: failed === 0 && skipped === 0, notes };
}
