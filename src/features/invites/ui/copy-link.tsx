"use client";

import { useRef, useState } from "react";

/** A link shown once, with a copy button; falls back to selecting the text where the clipboard API is unavailable. */
export function CopyLink({ link, label }: { link: string; label: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "select" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("yes");
    } catch {
      input.current?.select();
      setCopied("select");
    }
  }

  return (
    <div className="stack-sm">
      <label className="label" htmlFor="copy-link-input">
        {label}
      </label>
      <div className="copy-link">
        <input id="copy-link-input" ref={input} className="input mono" readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="one-time-link" />
        <button type="button" className="btn btn-secondary" onClick={copy}>
          {copied === "yes" ? "Copied ✓" : "Copy link"}
        </button>
      </div>
      <p className="hint" role="status">
        {copied === "select" ? "Press Ctrl+C (⌘C on a Mac) to copy the selected link." : "For your eyes only: we keep just a fingerprint of it, so it can't be shown again."}
      </p>
    </div>
  );
}
