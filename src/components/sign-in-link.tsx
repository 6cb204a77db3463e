"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The header's way in; the sign-in pages themselves are that way, so they do not repeat it. */
export function SignInLink() {
  // null only outside the App Router (the app also has Pages Router API routes).
  const pathname = usePathname() ?? "";
  if (pathname === "/signin" || pathname.startsWith("/signin/")) return null;
  return (
    <Link href="/signin" className="btn btn-secondary btn-sm">
      Sign in
    </Link>
  );
}
