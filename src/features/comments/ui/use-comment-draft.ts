"use client";

import { useEffect, useRef } from "react";
import { commentDraftKey } from "@/features/offline/offline-rules";

/**
 * Keeps the comment being typed on this device (localStorage), per take, so
 * that a comment written with no network, or a page closed before it was sent,
 * is still there next time. Cleared when the comment is posted (the form
 * empties) and, with everything saved offline, at sign-out.
 */
export function useCommentDraft(versionId: string, body: string, restore: (draft: string) => void) {
  const restoredFor = useRef<string | null>(null);
  useEffect(() => {
    if (restoredFor.current === versionId) return;
    restoredFor.current = versionId;
    const draft = readDraft(versionId);
    if (draft && !body) restore(draft);
    // Only when the take changes: typing must not restore over itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [versionId]);
  useEffect(() => {
    if (restoredFor.current !== versionId) return;
    try {
      if (body.trim()) localStorage.setItem(commentDraftKey(versionId), body);
      else localStorage.removeItem(commentDraftKey(versionId));
    } catch {
      // Storage full or blocked: the draft lives only in the form.
    }
  }, [versionId, body]);
}

function readDraft(versionId: string): string | null {
  try {
    return localStorage.getItem(commentDraftKey(versionId));
  } catch {
    return null;
  }
}
