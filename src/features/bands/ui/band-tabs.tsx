"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const tabs = [
  { href: "", label: "Songs" },
  { href: "/members", label: "Members" },
  { href: "/invites", label: "Invites" },
  { href: "/activity", label: "Activity" },
] as const;

export function BandTabs({ bandId }: { bandId: string }) {
  const pathname = usePathname();
  const base = `/bands/${bandId}`;
  return (
    <nav className="tabs" aria-label="Band sections">
      {tabs.map((tab) => {
        const href = base + tab.href;
        const current = tab.href === "" ? pathname === base || pathname.startsWith(`${base}/songs`) : pathname.startsWith(href);
        return (
          <Link key={tab.label} href={href} aria-current={current ? "page" : undefined}>
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
