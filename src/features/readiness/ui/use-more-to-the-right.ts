"use client";

import { useEffect, useState } from "react";
import { moreToTheRight } from "../readiness-columns";

/**
 * Whether a scrolling box has content out of sight to its right, kept up to
 * date as it scrolls or resizes. `ref` is a callback ref: the box may appear
 * after the first render (once the set has songs).
 */
export function useMoreToTheRight<T extends HTMLElement>() {
  const [box, setBox] = useState<T | null>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    if (!box) return;
    const measure = () => setMore(moreToTheRight(box));
    measure();
    box.addEventListener("scroll", measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => {
      box.removeEventListener("scroll", measure);
      observer.disconnect();
    };
  }, [box]);
  /** Scrolls on by most of what is in view. */
  const stepRight = () => box?.scrollBy({ left: Math.max(box.clientWidth * 0.7, 80) });
  return { ref: setBox, more, stepRight };
}
