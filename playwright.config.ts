import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/browser";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  // Parallel runs (see E2E_ROOT) keep their artifacts apart.
  outputDir: process.env.E2E_ROOT ? `${process.env.E2E_ROOT}/results` : "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    // Starts a capturing SMTP server, then the app exactly as `npm start` does,
    // on a throw-away data directory.
    command: `npx tsx e2e/support/start-app.ts`,
    url: `${baseURL}/api/auth/csrf`,
    env: { E2E_PORT: String(port), E2E_ROOT: process.env.E2E_ROOT ?? "", NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? "" },
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
