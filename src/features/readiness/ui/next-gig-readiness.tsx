"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { nextSetlist } from "@/features/setlists/setlist.rules";
import { nextGigLine } from "../next-gig-line";
import { api } from "@/trpc/react";

const subscribeNothing = () => () => {};

/** The band page's line about the next gig: "3 songs not ready for Friday at the Crown". Needs the viewer's clock, so it renders in the browser. */
export function NextGigReadiness({ bandId }: { bandId: string }) {
  const inBrowser = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const setlists = api.setlist.list.useQuery({ bandId });
  if (!inBrowser || !setlists.data) return null;
  const now = new Date();
  const next = nextSetlist(setlists.data, now);
  if (!next || !next.performAt || next.songCount === 0) return null;
  const count = next.notReadyCount;
  return (
    <p className={`alert ${count ? "alert-warning" : "alert-success"} readiness-line next-gig`} data-testid="next-gig-readiness">
      <span className="grow">
        {nextGigLine({ name: next.name, performAt: next.performAt, notReadyCount: count, now })}
      </span>
      <Link href={`/bands/${bandId}/setlists/${next.id}`}>Open the setlist</Link>
    </p>
  );
}
