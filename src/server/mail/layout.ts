/** Shared look of every RehearsalHub email: a plain-text body and a matching HTML one. */

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A paragraph with its own link: in the text part the address follows the text; in HTML it is a link under it. */
export type LinkedParagraph = { text: string; link: { label: string; url: string } };

export type EmailContent = {
  preheader: string;
  heading: string;
  /** Paragraphs, already plain text; escaped here. One may end in a link of its own (an item of a list). */
  paragraphs: (string | LinkedParagraph)[];
  button?: { label: string; url: string };
  footer: string;
};

export function renderEmailHtml(c: EmailContent): string {
  const p = (para: string | LinkedParagraph) =>
    typeof para === "string"
      ? `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#2b2622">${escapeHtml(para)}</p>`
      : `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#2b2622">${escapeHtml(para.text)}<br><a href="${escapeHtml(para.link.url)}" style="color:#b8430a;font-weight:600">${escapeHtml(para.link.label)}</a></p>`;
  const button = c.button
    ? `<table role="presentation" cellspacing="0" cellpadding="0" style="margin:8px 0 24px"><tr><td style="border-radius:8px;background:#e8590c">
<a href="${escapeHtml(c.button.url)}" style="display:inline-block;padding:14px 28px;font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:8px">${escapeHtml(c.button.label)}</a>
</td></tr></table>
<p style="margin:0 0 16px;font-size:13px;line-height:20px;color:#6b625a">Or paste this link into your browser:<br><span style="word-break:break-all">${escapeHtml(c.button.url)}</span></p>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(c.heading)}</title></head>
<body style="margin:0;padding:0;background:#f4efe9;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<span style="display:none;max-height:0;overflow:hidden">${escapeHtml(c.preheader)}</span>
<table role="presentation" width="100%" cellspacing="0" cellpadding="0"><tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="max-width:520px;background:#ffffff;border-radius:12px;overflow:hidden">
<tr><td style="background:#1c1917;padding:20px 32px;font-size:18px;font-weight:700;color:#fbbf77;letter-spacing:0.02em">&#9835; RehearsalHub</td></tr>
<tr><td style="padding:32px">
<h1 style="margin:0 0 20px;font-size:22px;line-height:30px;color:#1c1917">${escapeHtml(c.heading)}</h1>
${c.paragraphs.map(p).join("\n")}
${button}
<p style="margin:24px 0 0;font-size:13px;line-height:20px;color:#6b625a">${escapeHtml(c.footer)}</p>
</td></tr></table></td></tr></table></body></html>`;
}

export function renderEmailText(c: EmailContent): string {
  const lines = [c.heading, "", ...c.paragraphs.flatMap((p) => [typeof p === "string" ? p : `${p.text} ${p.link.url}`, ""])];
  if (c.button) lines.push(`${c.button.label}:`, c.button.url, "");
  lines.push("--", c.footer, "RehearsalHub");
  return lines.join("\n");
}
