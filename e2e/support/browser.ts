import fs from "node:fs";
import type { LaunchOptions } from "@playwright/test";

// Debian's Chromium where the machine has it (Playwright cannot download its own
// browser everywhere); Playwright's own Chromium otherwise.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

/** How every spec launches Chromium; a spec that needs more flags spreads these and adds its own. */
export const chromiumLaunchOptions = {
  executablePath: systemChromium,
  args: [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--autoplay-policy=no-user-gesture-required",
  ],
} satisfies LaunchOptions;

/** A microphone that plays a test tone, granted without asking: for the recording specs. */
export const fakeMicrophoneLaunchOptions = {
  ...chromiumLaunchOptions,
  args: [...chromiumLaunchOptions.args, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
} satisfies LaunchOptions;
