"use client";

import { ServiceUnavailable } from "@/components/service-unavailable";
import { SERVICE_UNAVAILABLE_DIGEST } from "@/lib/service-unavailable";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // In production only the digest reaches the browser; an outage carries its own (see AppError).
  if (error.digest === SERVICE_UNAVAILABLE_DIGEST) return <ServiceUnavailable />;
  return (
    <div className="card auth-card stack" role="alert">
      <h1>Something went wrong</h1>
      <p className="muted">We could not load this page. Please try again; if it keeps happening, reload the app.</p>
      <button type="button" className="btn btn-primary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
