"use client";

import { useEffect } from "react";

/**
 * A notice after a change that can be taken back ("Archived Midnight Ferry. Undo").
 * It stays for `seconds` (long enough to reach it by keyboard), or until closed.
 */
export function UndoToast({ message, onUndo, onClose, pending = false, seconds = 10 }: { message: string; onUndo: () => void; onClose: () => void; pending?: boolean; seconds?: number }) {
  useEffect(() => {
    const timer = setTimeout(onClose, seconds * 1000);
    return () => clearTimeout(timer);
  }, [message, onClose, seconds]);
  return (
    <div className="toast" role="status" data-testid="undo-toast">
      <span className="grow">{message}</span>
      <button type="button" className="btn btn-secondary btn-sm" onClick={onUndo} disabled={pending}>
        {pending ? "Undoing…" : "Undo"}
      </button>
      <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
