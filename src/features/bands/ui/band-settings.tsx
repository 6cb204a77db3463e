"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { deleteConfirmationMatches, updateBandInput } from "@/features/bands/band.schema";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";

export function RenameBandForm({ bandId, name }: { bandId: string; name: string }) {
  const router = useRouter();
  const utils = api.useUtils();
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const rename = api.band.update.useMutation({
    onSuccess: async (band) => {
      setSaved(true);
      setValue(band.name);
      await utils.band.invalidate();
      router.refresh();
    },
    onError: (e) => setError(userMessage(e)),
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const parsed = updateBandInput.safeParse({ name: value });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the band name.");
    setError(null);
    rename.mutate({ bandId, ...parsed.data });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card stack-sm" aria-labelledby="rename-heading">
      <h2 id="rename-heading">Band name</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor="band-rename">Name</label>
          <input
            id="band-rename"
            className="input"
            value={value}
            maxLength={80}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "band-rename-error" : undefined}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={rename.isPending || value.trim() === name}>
          {rename.isPending ? "Saving…" : "Rename band"}
        </button>
      </div>
      {error ? (
        <p id="band-rename-error" className="field-error" role="alert">
          {error}
        </p>
      ) : saved ? (
        <p className="small" role="status" style={{ color: "var(--success)" }}>
          Saved. Everyone in the band sees the new name.
        </p>
      ) : null}
    </form>
  );
}

export function DeleteBandSection({ bandId, name }: { bandId: string; name: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const remove = api.band.delete.useMutation({
    onSuccess: () => {
      router.push("/");
      router.refresh();
    },
    onError: (e) => setError(userMessage(e)),
  });
  const matches = deleteConfirmationMatches(name, typed);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  function onConfirm(event: FormEvent) {
    event.preventDefault();
    if (!matches) return setError("Type the band's name exactly to confirm.");
    remove.mutate({ bandId });
  }

  return (
    <section className="card danger-zone stack-sm" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete this band</h2>
      <p className="muted" style={{ margin: 0 }}>
        Deletes every song, take, audio file, comment, invite and the member list. This cannot be undone.
      </p>
      <div>
        <button type="button" className="btn btn-danger" onClick={() => { setTyped(""); setError(null); setOpen(true); }}>
          Delete band…
        </button>
      </div>
      <dialog ref={dialog} className="dialog" aria-labelledby="delete-dialog-title" onClose={() => setOpen(false)}>
        <form onSubmit={onConfirm} noValidate className="stack-sm">
          <h2 id="delete-dialog-title">Delete {name} for everyone?</h2>
          <p className="muted">All songs, takes, audio files, comments and invites of this band are deleted for every member. There is no undo.</p>
          <div className="field">
            <label htmlFor="delete-confirm-name">
              Type <strong className="mono">{name}</strong> to confirm
            </label>
            <input
              id="delete-confirm-name"
              className="input"
              value={typed}
              autoComplete="off"
              onChange={(e) => setTyped(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </div>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="btn btn-danger-solid" disabled={!matches || remove.isPending}>
              {remove.isPending ? "Deleting…" : "Delete band forever"}
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
