"use client";

import { DeferredPrefetchLink } from "@/components/deferred-prefetch-link";
import { usePathname } from "next/navigation";
import { hasAtLeastRole, type BandRole } from "@/lib/roles";
import { api } from "@/trpc/react";

const tabs = [
  { href: "", label: "Songs" },
  { href: "/setlists", label: "Setlists" },
  { href: "/members", label: "Members" },
  { href: "/invites", label: "Invites" },
  { href: "/activity", label: "Activity" },
  { href: "/shared", label: "Shared" },
  // Rename and delete: only shown to those who may use them.
  { href: "/settings", label: "Settings", minRole: "ADMIN" },
] as const satisfies readonly { href: string; label: string; minRole?: BandRole }[];

export function BandTabs({ bandId, role }: { bandId: string; role: BandRole }) {
  // null only while a Pages Router page renders (the audio routes live there; no page does).
  const pathname = usePathname() ?? "";
  const base = `/bands/${bandId}`;
  const unread = api.activity.unread.useQuery({ bandId }, { refetchOnWindowFocus: true }).data?.count ?? 0;
  return (
    <nav className="tabs" aria-label="Band sections">
      {tabs.filter((tab) => !("minRole" in tab) || hasAtLeastRole(role, tab.minRole)).map((tab) => {
        const href = base + tab.href;
        const current = tab.href === "" ? pathname === base || pathname.startsWith(`${base}/songs`) : pathname.startsWith(href);
        return (
          <DeferredPrefetchLink key={tab.label} href={href} aria-current={current ? "page" : undefined}>
            {tab.label}
            {tab.href === "/activity" && unread > 0 ? (
              <span className="tab-count" data-testid="activity-unread">
                {unread > 99 ? "99+" : unread}
                <span className="visually-hidden"> new</span>
              </span>
            ) : null}
          </DeferredPrefetchLink>
        );
      })}
    </nav>
  );
}
