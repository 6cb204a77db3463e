import Link from "next/link";
import type { SessionUser } from "@/server/auth/session";
import { SignInLink } from "./sign-in-link";
import { SignOutButton } from "./sign-out-button";

/** `signedInUnknown`: the session could not be looked up (database outage), so offer neither sign-in nor sign-out. */
export function SiteHeader({ user, signedInUnknown = false }: { user: SessionUser | null; signedInUnknown?: boolean }) {
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
        ) : signedInUnknown ? null : (
          <SignInLink />
        )}
      </div>
    </header>
  );
}
