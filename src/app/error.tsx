"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
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
