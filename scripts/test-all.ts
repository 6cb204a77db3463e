/**
 * `npm test`: unit and integration tests (vitest, real databases), then the
 * browser tests (Playwright). Prints one summary line for all suites.
 *
 * `npm test -- --postgres=<url>` (what CI runs) adds the integration suite
 * once more on that PostgreSQL server: only there do the race tests race
 * (src/test/race.ts). The summary line counts them, and the run fails when
 * none ran, so a green CI run always includes a real race pass.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { mediaTools } from "../src/server/media/tools";
import { playwrightCounts, playwrightFailureDetails, playwrightFailures, raceCounts, summarize, vitestCounts, vitestFailures } from "./test-summary";

// Outside test-results/, which Playwright empties when it starts.
const reportDir = path.resolve("test-reports");
fs.mkdirSync(reportDir, { recursive: true });

const postgresUrl = process.argv.find((a) => a.startsWith("--postgres="))?.slice("--postgres=".length) || undefined;

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

const readJson = <T>(file: string): T | null => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : null);

const vitestReport = path.join(reportDir, "vitest.json");
const playwrightReport = path.join(reportDir, "playwright.json");
const postgresReport = path.join(reportDir, "vitest-postgres.json");
for (const file of [vitestReport, playwrightReport, postgresReport]) fs.rmSync(file, { force: true });

const vitestStatus = run("npx", ["--no-install", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]);
const playwrightStatus = run("npx", ["--no-install", "playwright", "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  // The scale-out test makes its scratch database on this server (default: the machine's).
  ...(postgresUrl ? { E2E_POSTGRES_URL: postgresUrl } : {}),
});
const postgresStatus = postgresUrl
  ? run("npx", ["--no-install", "vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${postgresReport}`], {
      TEST_DATABASE_URL: postgresUrl,
    })
  : 0;

const vitestJson = readJson<Parameters<typeof vitestCounts>[0]>(vitestReport);
const playwrightJson = readJson<Parameters<typeof playwrightCounts>[0]>(playwrightReport);
const v = vitestCounts(vitestJson);
const p = playwrightCounts(playwrightJson);
const failures = [...vitestFailures(vitestJson).map((name) => `unit + integration: ${name}`), ...playwrightFailures(playwrightJson).map((name) => `browser: ${name}`)];
const suites = [
  { counts: v, exitStatus: vitestStatus },
  { counts: p, exitStatus: playwrightStatus },
];
console.log(`\nunit + integration: ${v.passed} passed, ${v.failed} failed, ${v.skipped} skipped`);
console.log(`browser (e2e):      ${p.passed} passed, ${p.failed} failed, ${p.skipped} skipped`);

let postgres: { races: { passed: number; failed: number } } | undefined;
if (postgresUrl) {
  const report = readJson<Parameters<typeof raceCounts>[0]>(postgresReport);
  const pg = vitestCounts(report);
  postgres = { races: raceCounts(report) };
  suites.push({ counts: pg, exitStatus: postgresStatus });
  failures.push(...vitestFailures(report).map((name) => `on PostgreSQL: ${name}`));
  console.log(`integration on PostgreSQL: ${pg.passed} passed, ${pg.failed} failed, ${pg.skipped} skipped`);
}

if (failures.length) {
  const details = playwrightFailureDetails(playwrightJson);
  if (details.length) console.log(`\nwhy the browser tests failed:\n${details.join("\n")}`);
  console.log("\nfailed:");
  for (const failure of failures) console.log(`  ${failure}`);
}
const summary = summarize(suites, postgres);
for (const note of summary.notes) console.log(note);
console.log(mediaToolsLine());
console.log(summary.line);
process.exit(summary.ok ? 0 : 1);

/** Which ffmpeg and ffprobe the pipeline tests ran (a maintained one on PATH, or the npm-shipped build). */
function mediaToolsLine(): string {
  try {
    const { ffmpeg, ffprobe } = mediaTools();
    const probe = ffprobe ? `ffprobe ${ffprobe.version} (${ffprobe.source}: ${ffprobe.path})` : "no ffprobe";
    return `media tools: ffmpeg ${ffmpeg.version} (${ffmpeg.source}: ${ffmpeg.path}), ${probe}`;
  } catch (error) {
    return `media tools: ${error instanceof Error ? error.message : String(error)}`;
  }
}
