"use client";

import { useEffect, useState, type RefObject } from "react";

/** Where the song page stacks into one column (globals.css): the full player scrolls with the page there. */
export const COMPACT_PLAYER_MEDIA = "(max-width: 880px)";

/**
 * Whether the compact player should show: on a narrow screen, while the full
 * player's play button is out of sight (scrolled away, or under the sticky header).
 */
export function useFullPlayerOutOfSight(head: RefObject<HTMLElement | null>): boolean {
  const [outOfSight, setOutOfSight] = useState(false);
  useEffect(() => {
    const el = head.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const narrow = window.matchMedia(COMPACT_PLAYER_MEDIA);
    let observer: IntersectionObserver | null = null;
    const watch = () => {
      observer?.disconnect();
      observer = null;
      if (!narrow.matches) {
        setOutOfSight(false);
        return;
      }
      const header = document.querySelector<HTMLElement>(".site-header");
      const covered = header && getComputedStyle(header).position === "sticky" ? Math.ceil(header.getBoundingClientRect().height) : 0;
      observer = new IntersectionObserver(([entry]) => setOutOfSight(!!entry && !entry.isIntersecting), { rootMargin: `-${covered}px 0px 0px 0px` });
      observer.observe(el);
    };
    watch();
    narrow.addEventListener("change", watch);
    return () => {
      narrow.removeEventListener("change", watch);
      observer?.disconnect();
    };
  }, [head]);
  return outOfSight;
}

/**
 * Once `bar` (fixed to the bottom of the window) has shown, the page reserves
 * its height: scroll padding, so whatever the keyboard focuses or a link scrolls
 * to stops above it (WCAG 2.4.11, focus not obscured), and as much room below
 * the page's end, so the last controls can be scrolled clear of it. The room
 * stays while the bar comes and goes, so the page's length does not jump.
 */
export function useReservedBottom(bar: RefObject<HTMLElement | null>, active: boolean) {
  useEffect(() => {
    const el = bar.current;
    if (!el || !active) return;
    const root = document.documentElement;
    const update = () => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      // Hidden again: keep what was reserved.
      if (height === 0) return;
      root.style.setProperty("scroll-padding-bottom", `${height + 12}px`);
      document.body.style.setProperty("padding-bottom", `${height}px`);
    };
    update();
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(update);
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      root.style.removeProperty("scroll-padding-bottom");
      document.body.style.removeProperty("padding-bottom");
    };
  }, [bar, active]);
}
