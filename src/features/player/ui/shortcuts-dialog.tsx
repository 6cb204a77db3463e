"use client";

import { useId } from "react";
import { useModalDialog } from "@/components/use-modal-dialog";
import { SHORTCUTS } from "../keymap";

/** The player's shortcuts in a native modal dialog (focus trapped, Escape closes). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { dialogRef, onDialogClose } = useModalDialog(open, onClose);
  const titleId = useId();

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId} onClose={onDialogClose} onCancel={onClose} data-testid="shortcuts-dialog">
      <h2 id={titleId} style={{ marginTop: 0 }}>
        Keyboard shortcuts
      </h2>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.does}>
              <th scope="row">
                {s.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </th>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">They work anywhere on the song page except while you type.</p>
      <div className="dialog-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
