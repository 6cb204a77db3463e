/**
 * The e2e web server: a capturing SMTP server, then the app started the way
 * `npm start` starts it, on a fresh data directory with SMTP_URL pointing at
 * the capture server.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { startMailCapture } from "./mail-capture";
import { e2eAppLog, e2eDataDir, e2eMailDir, e2eRoot } from "./paths";

fs.rmSync(e2eRoot, { recursive: true, force: true });
const mail = await startMailCapture(e2eMailDir);
const port = process.env.E2E_PORT ?? "3100";

const app = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
  stdio: ["ignore", "pipe", "pipe"],
  env: {
    ...process.env,
    PORT: port,
    APP_URL: `http://localhost:${port}`,
    DATA_DIR: e2eDataDir,
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
    SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
    EMAIL_FROM: "RehearsalHub <no-reply@rehearsalhub.test>",
    MAX_UPLOAD_MB: process.env.MAX_UPLOAD_MB ?? "20",
    // Debug lines say which band checks a page render made (members.spec.ts counts them).
    LOG_LEVEL: process.env.LOG_LEVEL ?? "debug",
  },
});

// The app's output goes to a file only (debug lines included: tests read them), never
// to the terminal: a failed test prints the warnings and errors the server logged while
// it ran (fixtures.ts), so a CI log shows failures, not every request of every test.
fs.mkdirSync(e2eRoot, { recursive: true });
const logFile = fs.createWriteStream(e2eAppLog);
let tail = "";
const keep = (chunk: Buffer) => {
  logFile.write(chunk);
  tail = (tail + chunk.toString("utf8")).slice(-16_384);
};
app.stdout!.on("data", keep);
app.stderr!.on("data", keep);

const stop = async () => {
  app.kill("SIGTERM");
  await mail.close();
};
app.on("exit", (code) => {
  // An app that stops on its own (it failed to start, or crashed) says why.
  if (code) process.stderr.write(`the app exited with code ${code}; the end of its log:\n${tail}\n`);
  void mail.close().finally(() => process.exit(code ?? 0));
});
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
