"use client";

import { useEffect, useRef } from "react";

/**
 * A native modal <dialog> that follows `open`: the browser traps focus in it, marks
 * the rest of the page inert and closes it on Escape. Give `onDialogClose` to the
 * dialog's close event: it calls `onClose`, then puts focus back on whatever opened
 * the dialog, explicitly, because not every browser restores it on close.
 */
export function useModalDialog(open: boolean, onClose: () => void) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  function onDialogClose() {
    const back = opener.current;
    opener.current = null;
    onClose();
    if (back?.isConnected) back.focus();
  }

  return { dialogRef, onDialogClose };
}
