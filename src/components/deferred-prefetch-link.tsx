"use client";

import Link from "next/link";
import { useEffect, useState, type ComponentProps } from "react";

let settled = false;
let settling: Promise<void> | undefined;

/** Resolves once the page has loaded (scripts, styles, the player's first audio) and the browser is idle. */
function pageSettled(): Promise<void> {
  return (settling ??= new Promise<void>((resolve) => {
    const whenIdle = () => {
      if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(() => resolve(), { timeout: 2000 });
      else setTimeout(resolve, 0);
    };
    if (document.readyState === "complete") whenIdle();
    else window.addEventListener("load", whenIdle, { once: true });
  }).then(() => {
    settled = true;
  }));
}

/**
 * Next's Link, prefetching the page it leads to only after the current page
 * has loaded and the browser is idle, instead of as soon as it hydrates: on a
 * slow phone the app's own frame (header, band tabs, breadcrumbs) would
 * otherwise send a dozen prefetches, each a server render, while the page is
 * still getting interactive and its player fetches its waveform. Links mounted
 * later (after a client-side navigation) prefetch as usual straight away.
 */
export function DeferredPrefetchLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  const [ready, setReady] = useState(settled);
  useEffect(() => {
    if (ready) return;
    let live = true;
    void pageSettled().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [ready]);
  // false: no prefetch at all yet (neither in view nor on hover); null: Next's default.
  return <Link {...props} prefetch={ready ? null : false} />;
}
