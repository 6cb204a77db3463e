"use client";

import { useId, useRef, useState } from "react";

/** A link shown once, with a copy button; falls back to selecting the text where the clipboard API is unavailable. */
export function CopyLink({
  link,
  label,
  hint = "For your eyes only: we keep just a fingerprint of it, so it can't be shown again.",
}: {
  link: string;
  label: string;
  /** Shown under the link until it is copied. */
  hint?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  // Remembered with the link it was for, so a new link never shows as already copied.
  const [copied, setCopied] = useState<{ link: string; how: "yes" | "select" } | null>(null);
  const state = copied?.link === link ? copied.how : null;

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied({ link, how: "yes" });
    } catch {
      input.current?.select();
      setCopied({ link, how: "select" });
    }
  }

  return (
    <div className="stack-sm">
      <label className="label" htmlFor={inputId}>
        {label}
      </label>
      <div className="copy-link">
        <input id={inputId} ref={input} className="input mono" readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="one-time-link" />
        <button type="button" className="btn btn-secondary" onClick={copy}>
          {state === "yes" ? "Copied ✓" : "Copy link"}
        </button>
      </div>
      <p className="hint" role="status">
        {state === "select" ? "Press Ctrl+C (⌘C on a Mac) to copy the selected link." : hint}
      </p>
    </div>
  );
}
