import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

// Tests never write into the developer's own data directory: each test file
// starts with a fresh one (a test may still point DATA_DIR elsewhere itself).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsalhub-test-"));
process.env.DATA_DIR = dataDir;
delete process.env.STORAGE_DIR;
delete process.env.SMTP_URL;

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});
