import Link from "next/link";
import type { SessionUser } from "@/server/auth/session";
import { SignOutButton } from "./sign-out-button";

export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="brand" aria-label="RehearsalHub home">
          <span className="brand-mark" aria-hidden="true">
            ♫
          </span>
          RehearsalHub
        </Link>
        {user ? (
          <div className="user-menu">
            <span className="email truncate" title={user.email}>
              {user.email}
            </span>
            <SignOutButton />
          </div>
        ) : (
          <Link href="/signin" className="btn btn-secondary btn-sm">
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}
