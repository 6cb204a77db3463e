"use client";

import { useEffect, useState } from "react";
import { Alert } from "@/components/alert";

/**
 * A confirmation carried over a redirect in the query string (`?left=…`,
 * `?joined=1`). The live region is in the page first and filled after
 * mounting, so screen readers announce it. Closing it drops the flag from
 * the address (history only, no new request), so a reload does not bring it back.
 */
export function StatusNotice({ message, param }: { message: string; param: string }) {
  const [shown, setShown] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    // A beat after the empty region is in the page, so it is announced as a change.
    const timer = setTimeout(() => setShown(message), 100);
    return () => clearTimeout(timer);
  }, [message]);

  function dismiss() {
    setDismissed(true);
    const url = new URL(window.location.href);
    url.searchParams.delete(param);
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }

  return (
    <div role="status" aria-live="polite" className="status-notice-region">
      {shown && !dismissed ? (
        <Alert tone="success" announce={false} className="status-notice" data-testid="status-notice">
          <span>{shown}</span>
          <button type="button" className="btn btn-ghost btn-sm" onClick={dismiss} aria-label="Dismiss">
            <span aria-hidden="true">✕</span>
          </button>
        </Alert>
      ) : null}
    </div>
  );
}
