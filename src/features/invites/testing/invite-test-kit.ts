import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { resetEnvForTests } from "@/env";
import { readOutbox, type OutboxMail } from "@/server/mail/mailer";

/** Shared by the invite integration tests: a real outbox in a temp DATA_DIR, a fixed APP_URL, error shape helpers. */

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

export type Rejection = { code: string; reason: string | null; status: number | null; message: string };

export async function rejection(promise: Promise<unknown>): Promise<Rejection> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the call to fail").toBeInstanceOf(TRPCError);
  const e = error as TRPCError;
  const cause = e.cause as { reason?: string; status?: number } | undefined;
  return { code: e.code, reason: cause?.reason ?? null, status: cause?.status ?? null, message: e.message };
}

/** The token part of an invite or join link. */
export function tokenOf(link: string): string {
  return link.split("/").pop()!;
}
