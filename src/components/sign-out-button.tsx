"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { clearOfflineData } from "@/features/offline/offline-store";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-ghost btn-sm"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // What was saved for offline is this person's: it leaves the device with them.
        void clearOfflineData()
          .catch(() => {})
          .finally(() => void signOut({ callbackUrl: "/" }));
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
