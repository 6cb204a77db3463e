/**
 * `npm test`: unit and integration tests (vitest, real databases), then the
 * browser tests (Playwright). Prints one summary line for all suites.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// Outside test-results/, which Playwright empties when it starts.
const reportDir = path.resolve("test-reports");
fs.mkdirSync(reportDir, { recursive: true });

type Counts = { passed: number; failed: number; skipped: number };

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function vitestCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const s = JSON.parse(fs.readFileSync(file, "utf8")).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

const vitestReport = path.join(reportDir, "vitest.json");
const playwrightReport = path.join(reportDir, "playwright.json");
fs.rmSync(vitestReport, { force: true });
fs.rmSync(playwrightReport, { force: true });

const vitestStatus = run("npx", ["--no-install", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]);
const playwrightStatus = run("npx", ["--no-install", "playwright", "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
});

const v = vitestCounts(vitestReport);
const p = playwrightCounts(playwrightReport);
console.log(`\nunit + integration: ${v.passed} passed, ${v.failed} failed, ${v.skipped} skipped`);
console.log(`browser (e2e):      ${p.passed} passed, ${p.failed} failed, ${p.skipped} skipped`);
// A suite that crashed before reporting counts as one failure; skipped tests fail the run.
const suiteCrashed = (vitestStatus !== 0 && v.failed === 0) || (playwrightStatus !== 0 && p.failed === 0);
const failed = v.failed + p.failed + (suiteCrashed ? 1 : 0);
const skipped = v.skipped + p.skipped;
console.log(`${v.passed + p.passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 && skipped === 0 ? 0 : 1);
