"use client";

import { useEffect, useRef, type ReactNode } from "react";

/** A native modal dialog asking to confirm a destructive or irreversible action. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = true,
  pending = false,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="confirm-dialog-title" onClose={onClose}>
      <h2 id="confirm-dialog-title">{title}</h2>
      <div className="muted">{children}</div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className={danger ? "btn btn-danger-solid" : "btn btn-primary"} onClick={onConfirm} disabled={pending}>
          {pending ? <><span className="spinner" aria-hidden="true" /> Working…</> : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
