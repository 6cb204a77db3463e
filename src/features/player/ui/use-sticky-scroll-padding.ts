"use client";

import { useEffect, type RefObject } from "react";

/**
 * While `sticky` sticks to the top of the window (the player on a wide
 * screen), the page's scroll padding reserves its height, so whatever the
 * keyboard focuses or a link scrolls to lands below it instead of under it
 * (WCAG 2.4.11, focus not obscured). On a phone the player scrolls with the
 * page and nothing is reserved. A player taller than most of the window
 * (a take with every lane and tool showing, on a short laptop screen) does
 * not stick either: its lower controls would be out of reach, below the
 * window's edge, however far the page scrolls.
 */
/** The most of the window's height a sticky player may cover. */
const MAX_STICKY_SHARE = 0.7;

export function useStickyScrollPadding(sticky: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = sticky.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement;
    const update = () => {
      const fits = el.getBoundingClientRect().height <= window.innerHeight * MAX_STICKY_SHARE;
      if (el.getAttribute("data-fits") !== String(fits)) el.setAttribute("data-fits", String(fits));
      const style = getComputedStyle(el);
      if (style.position !== "sticky") {
        root.style.removeProperty("scroll-padding-top");
        return;
      }
      const top = Number.parseFloat(style.top) || 0;
      root.style.setProperty("scroll-padding-top", `${Math.ceil(top + el.getBoundingClientRect().height + 12)}px`);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    window.addEventListener("resize", update);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", update);
      root.style.removeProperty("scroll-padding-top");
    };
  }, [sticky]);
}
