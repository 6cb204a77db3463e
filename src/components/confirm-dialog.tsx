"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";

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
 * The one confirmation dialog: a native modal <dialog>, so the browser traps focus in it,
 * marks the rest of the page inert and closes it on Escape. Focus goes back to whatever
 * opened it, explicitly, because not every browser restores it on close.
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
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const phraseId = useId();
  const errorId = useId();
  const [typed, setTyped] = useState("");

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const needsPhrase = confirmPhrase !== undefined;
  const matches = !needsPhrase || (phraseMatches ? phraseMatches(typed) : typed.trim() === confirmPhrase.trim() && typed.trim() !== "");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (matches && !pending) onConfirm();
  }

  function handleClose() {
    const back = opener.current;
    opener.current = null;
    setTyped("");
    onClose();
    if (back?.isConnected) back.focus();
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={handleClose}>
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
          <button type="button" className="btn btn-ghost" onClick={() => ref.current?.close()}>
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
