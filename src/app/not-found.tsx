import Link from "next/link";

export default function NotFound() {
  return (
    <div className="card auth-card stack">
      <div style={{ fontSize: "2rem" }} aria-hidden="true">🎼</div>
      <h1>Not found</h1>
      <p className="muted">That page does not exist, or it was deleted.</p>
      <Link href="/" className="btn btn-secondary">
        Back to your bands
      </Link>
    </div>
  );
}
