import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetEnvForTests } from "@/env";
import { readOutbox, type OutboxMail } from "@/server/mail/mailer";

/** Shared by the invite integration tests: a real outbox in a temp DATA_DIR, a fixed APP_URL, link tokens. */

export const TEST_APP_URL = "https://rehearsal.example.test";

export function useTempOutbox(): { dataDir: string; cleanup(): void } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "invites-"));
  process.env.DATA_DIR = dataDir;
  process.env.APP_URL = TEST_APP_URL;
  delete process.env.SMTP_URL;
  resetEnvForTests();
  return {
    dataDir,
    cleanup() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resetEnvForTests();
    },
  };
}

export async function mailsTo(address: string): Promise<OutboxMail[]> {
  return (await readOutbox(10_000)).filter((m) => m.to === address);
}

/** The token part of an invite or join link. */
export function tokenOf(link: string): string {
  return link.split("/").pop()!;
}
