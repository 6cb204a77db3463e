"use client";

import { useEffect, useState } from "react";
import { SERVICE_UNAVAILABLE_RETRY_SECONDS } from "@/lib/service-unavailable";
import { Icon } from "./icon";

/**
 * Shown instead of a page while the database cannot be reached. It reloads
 * the page on its own, so the visitor lands where they were going once the
 * database is back, signed in as before.
 */
export function ServiceUnavailable() {
  const [secondsLeft, setSecondsLeft] = useState(SERVICE_UNAVAILABLE_RETRY_SECONDS);

  useEffect(() => {
    const timer = setInterval(() => {
      setSecondsLeft((s) => {
        if (s <= 1) {
          window.location.reload();
          return SERVICE_UNAVAILABLE_RETRY_SECONDS;
        }
        return s - 1;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  return (
    <div className="card auth-card stack" role="alert" data-testid="service-unavailable">
      <div className="card-icon"><Icon name="clock" size={28} /></div>
      <h1>Temporarily unavailable</h1>
      <p className="muted">
        RehearsalHub can&apos;t reach its database right now, so this page can&apos;t be shown. It tries again by
        itself, and you stay signed in.
      </p>
      <p className="small faint" aria-live="polite">
        Retrying in {secondsLeft} {secondsLeft === 1 ? "second" : "seconds"}…
      </p>
      <button type="button" className="btn btn-secondary" onClick={() => window.location.reload()}>
        Try now
      </button>
    </div>
  );
}
