"use client";

import { useId, useState, type FormEvent } from "react";
import { CopyLink } from "@/components/copy-link";
import { useModalDialog } from "@/components/use-modal-dialog";
import { hasAtLeastRole } from "@/lib/roles";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";

export type ShareTarget = { versionId: string } | { songId: string } | { setlistId: string };

const EXPIRY_CHOICES = [
  { value: "1", label: "1 day" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "never", label: "Never (admins only)" },
] as const;

type Expiry = (typeof EXPIRY_CHOICES)[number]["value"];

/**
 * "Share" on a take, a song or a setlist: a button that opens a dialog with
 * the link's options (expiry, password, downloads, guest comments), then shows
 * the new link once, with Copy.
 */
export function ShareButton({ bandId, target, what, className = "btn btn-secondary btn-sm" }: { bandId: string; target: ShareTarget; what: string; className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)} aria-haspopup="dialog" data-testid="share-open">
        Share {what}
      </button>
      {open ? <ShareDialog bandId={bandId} target={target} what={what} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ShareDialog({ bandId, target, what, onClose }: { bandId: string; target: ShareTarget; what: string; onClose: () => void }) {
  const id = useId();
  const { dialogRef, onDialogClose } = useModalDialog(true, onClose);
  const band = api.band.get.useQuery({ bandId });
  const utils = api.useUtils();
  const create = api.share.create.useMutation({ onSuccess: () => utils.share.list.invalidate({ bandId }) });
  const [expiry, setExpiry] = useState<Expiry>("30");
  const [password, setPassword] = useState("");
  const [allowDownload, setAllowDownload] = useState(false);
  const [allowComments, setAllowComments] = useState(false);
  const isAdmin = band.data ? hasAtLeastRole(band.data.myRole, "ADMIN") : false;
  const choices = EXPIRY_CHOICES.filter((c) => c.value !== "never" || isAdmin);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      bandId,
      ...target,
      ...(expiry === "never" ? { expiresAt: null } : { expiresAt: new Date(Date.now() + Number(expiry) * 864e5) }),
      ...(password ? { password } : {}),
      allowDownload,
      allowComments,
    });
  }

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`} onClose={onDialogClose} data-testid="share-dialog">
      <div className="stack-sm">
        <h2 id={`${id}-title`}>Share {what} outside the band</h2>
        {create.data ? (
          <>
            <CopyLink link={create.data.url} label="The link" hint="Shown this once: we keep only a fingerprint of it. Anyone with the link can listen until it expires or you revoke it." />
            <div className="dialog-actions">
              <button type="button" className="btn btn-primary" onClick={() => dialogRef.current?.close()}>
                Done
              </button>
            </div>
          </>
        ) : (
          <form className="stack-sm" onSubmit={submit} noValidate>
            <p className="muted small">People with the link hear only this, with its waveform. They need no account.</p>
            <div className="field">
              <label className="label" htmlFor={`${id}-expiry`}>
                Link works for
              </label>
              <select id={`${id}-expiry`} className="input" value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)}>
                {choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="label" htmlFor={`${id}-password`}>
                Password (optional)
              </label>
              <input id={`${id}-password`} className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
              <p className="hint">Send it separately from the link.</p>
            </div>
            <label className="check">
              <input type="checkbox" checked={allowComments} onChange={(e) => setAllowComments(e.target.checked)} /> Guests may comment (you see their comments on the take)
            </label>
            <label className="check">
              <input type="checkbox" checked={allowDownload} onChange={(e) => setAllowDownload(e.target.checked)} /> Guests may download the original file
            </label>
            {create.error ? (
              <p className="field-error" role="alert">
                {userMessage(create.error)}
              </p>
            ) : null}
            <div className="dialog-actions">
              <button type="button" className="btn btn-ghost" onClick={() => dialogRef.current?.close()}>
                Cancel
              </button>
              <button type="submit" className="btn btn-primary" disabled={create.isPending}>
                {create.isPending ? "Making the link…" : "Make the link"}
              </button>
            </div>
          </form>
        )}
      </div>
    </dialog>
  );
}
