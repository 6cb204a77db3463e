import { DeferredPrefetchLink } from "@/components/deferred-prefetch-link";
import type { SessionUser } from "@/server/auth/session";
import { Avatar } from "./avatar";
import { SignInLink } from "./sign-in-link";
import { SignOutButton } from "./sign-out-button";

/** `signedInUnknown`: the session could not be looked up (database outage), so offer neither sign-in nor sign-out. */
export function SiteHeader({ user, signedInUnknown = false }: { user: SessionUser | null; signedInUnknown?: boolean }) {
  return (
    <header className="site-header">
      <div className="container">
        <DeferredPrefetchLink href="/" className="brand" aria-label="RehearsalHub home">
          <span className="brand-mark" aria-hidden="true">
            ♫
          </span>
          RehearsalHub
        </DeferredPrefetchLink>
        {user ? (
          <div className="user-menu">
            <DeferredPrefetchLink href="/profile" className="profile-link" title={`Your profile (${user.email})`}>
              <Avatar person={user} size="sm" />
              <span className="visually-hidden">Your profile: </span>
              <span className="email profile-link-name truncate">{user.name?.trim() || user.email}</span>
            </DeferredPrefetchLink>
            <SignOutButton />
          </div>
        ) : signedInUnknown ? null : (
          <SignInLink />
        )}
      </div>
    </header>
  );
}
