import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/env";
import { log } from "@/server/log";
import { parseSignInEmail } from "@/server/auth/email";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (e.g. List-Unsubscribe); names and values are the app's own, never user input. */
  headers?: Record<string, string>;
};

let transporter: Transporter | undefined;

/**
 * Sends through SMTP_URL when configured. Without it, mail goes to the outbox
 * folder under DATA_DIR and its links are printed in the server log, so a
 * fresh install can sign in without any mail server.
 */
export async function sendMail(original: Mail): Promise<void> {
  // nodemailer reads `to` as an address list (commas, display names): every mail
  // this app sends goes to exactly one plain address, whoever called.
  const to = parseSignInEmail(original.to);
  if (!to.ok) throw new Error("Refusing to send mail: the recipient is not one plain email address.");
  const mail = { ...original, to: to.email };
  const { smtpUrl, emailFrom } = env();
  if (smtpUrl) {
    transporter ??= nodemailer.createTransport(smtpUrl);
    await transporter.sendMail({ from: emailFrom, ...mail });
    return;
  }
  await writeToOutbox(mail);
}

export type OutboxMail = Mail & { id: string; sentAt: string };

export function outboxDir(): string {
  return path.join(env().dataDir, "outbox");
}

async function writeToOutbox(mail: Mail): Promise<void> {
  const sentAt = new Date().toISOString();
  const id = `${sentAt.replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}`;
  await fs.mkdir(outboxDir(), { recursive: true });
  await fs.writeFile(path.join(outboxDir(), `${id}.json`), JSON.stringify({ id, sentAt, ...mail }, null, 2));
  const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
  // With no SMTP server, the server log is how a local user gets their sign-in link.
  log().info({ to: mail.to, subject: mail.subject }, "no SMTP_URL set: the mail is in the outbox");
  for (const link of links) log().info(`outbox link: ${link}`);
}

/** Newest first. */
export async function readOutbox(limit = 50): Promise<OutboxMail[]> {
  let files: string[];
  try {
    files = (await fs.readdir(outboxDir())).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  files.sort().reverse();
  const mails = await Promise.all(
    files.slice(0, limit).map(async (f) => JSON.parse(await fs.readFile(path.join(outboxDir(), f), "utf8")) as OutboxMail),
  );
  return mails;
}
