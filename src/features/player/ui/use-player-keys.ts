"use client";

import { useEffect, useRef } from "react";
import { actionForKey, keyBelongsToTarget, type PlayerAction } from "../keymap";

/** Sends the player's shortcuts to `onAction`, anywhere on the page except where typing or a dialog needs the keys. */
export function usePlayerKeys(onAction: (action: PlayerAction) => void, enabled = true) {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  }, [onAction]);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat && e.key === " ") return;
      const target = e.target instanceof Element ? (e.target as HTMLElement) : null;
      if (keyBelongsToTarget(target, e.key)) return;
      // An open modal dialog owns the keyboard.
      if (target?.closest("dialog[open]") || document.querySelector("dialog[open]")) return;
      const action = actionForKey(e);
      if (!action) return;
      e.preventDefault();
      handler.current(action);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
