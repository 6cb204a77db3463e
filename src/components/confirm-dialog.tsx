"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useModalDialog } from "./use-modal-dialog";

type Props = {
  open: boolean;
  title: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  /** Shown on the confirm button while the action runs. */
  pendingLabel?: string;
  cancelLabel?: string;
  /** A destructive action: the confirm button is red. */
  danger?: boolean;
  pending?: boolean;
  /** A server error about the action, shown inside the dialog. */
  error?: string | null;
  /**
   * "Type the name to confirm": the confirm button stays disabled until the typed text
   * matches this phrase (by `phraseMatches`, exact match after trimming by default).
   */
  confirmPhrase?: string;
  phraseMatches?: (typed: string) => boolean;
  onConfirm: () => void;
  onClose: () => void;
};

/**
 * The one confirmation dialog: a native modal <dialog> (see useModalDialog), so focus
 * is trapped in it and goes back to whatever opened it.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel = "Working…",
  cancelLabel = "Cancel",
  danger = true,
  pending = false,
  error,
  confirmPhrase,
  phraseMatches,
  onConfirm,
  onClose,
}: Props) {
  const titleId = useId();
  const phraseId = useId();
  const errorId = useId();
  const [typed, setTyped] = useState("");
  const { dialogRef, onDialogClose } = useModalDialog(open, () => {
    setTyped("");
    onClose();
  });

  const needsPhrase = confirmPhrase !== undefined;
  const matches = !needsPhrase || (phraseMatches ? phraseMatches(typed) : typed.trim() === confirmPhrase.trim() && typed.trim() !== "");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (matches && !pending) onConfirm();
  }

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId} onClose={onDialogClose}>
      <form onSubmit={onSubmit} noValidate className="stack-sm">
        <h2 id={titleId}>{title}</h2>
        {children ? <div className="muted">{children}</div> : null}
        {needsPhrase ? (
          <div className="field">
            <label htmlFor={phraseId}>
              Type <strong className="mono">{confirmPhrase}</strong> to confirm
            </label>
            <input
              id={phraseId}
              className="input"
              value={typed}
              autoComplete="off"
              onChange={(e) => setTyped(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
          </div>
        ) : null}
        {error ? (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" onClick={() => dialogRef.current?.close()}>
            {cancelLabel}
          </button>
          <button type="submit" className={danger ? "btn btn-danger-solid" : "btn btn-primary"} disabled={pending || !matches}>
            {pending ? (
              <>
                <span className="spinner" aria-hidden="true" /> {pendingLabel}
              </>
            ) : (
              confirmLabel
            )}
          </button>
        </div>
      </form>
    </dialog>
  );
}
