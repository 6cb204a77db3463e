import { renderEmailHtml, renderEmailText, type EmailContent } from "@/server/mail/layout";
import type { Mail } from "@/server/mail/mailer";

export function signInEmail({ to, url, minutesValid }: { to: string; url: string; minutesValid: number }): Mail {
  const content: EmailContent = {
    preheader: "Your sign-in link for RehearsalHub",
    heading: "Sign in to RehearsalHub",
    paragraphs: [
      `Use the button below to sign in as ${to}.`,
      `The link works once and expires in ${minutesValid} minutes.`,
    ],
    button: { label: "Sign in", url },
    footer: "If you did not ask for this, you can ignore this email: nobody can sign in without the link.",
  };
  return { to, subject: "Your RehearsalHub sign-in link", text: renderEmailText(content), html: renderEmailHtml(content) };
}
