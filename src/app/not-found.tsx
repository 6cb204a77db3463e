import type { Metadata } from "next";
import Link from "next/link";
import { Icon } from "@/components/icon";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="card auth-card stack">
      <div className="card-icon"><Icon name="music" size={28} /></div>
      <h1>Not found</h1>
      <p className="muted">That page does not exist, or it was deleted.</p>
      <Link href="/" className="btn btn-secondary">
        Back to your bands
      </Link>
    </div>
  );
}
