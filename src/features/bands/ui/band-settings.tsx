"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { BAND_NAME_MAX, deleteConfirmationMatches, updateBandInput } from "@/features/bands/band.schema";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";

export function RenameBandForm({ bandId, name }: { bandId: string; name: string }) {
  const router = useRouter();
  const utils = api.useUtils();
  const errorId = useId();
  const form = useForm({ resolver: zodResolver(updateBandInput), defaultValues: { name } });
  const rename = api.band.update.useMutation({
    onSuccess: async (band) => {
      form.reset({ name: band.name });
      await utils.band.invalidate();
      router.refresh();
    },
    onError: showServerError(form.setError, "name"),
  });
  const error = form.formState.errors.name;
  // The name just saved counts as the current one at once, before the page's refresh brings
  // it back as `name`: otherwise the button flickers enabled in between.
  const saved = rename.data?.name ?? name;
  const unchanged = (useWatch({ control: form.control, name: "name" }) ?? "").trim() === saved;

  return (
    <form
      onSubmit={form.handleSubmit((input) => rename.mutate({ bandId, ...input }))}
      noValidate
      className="card stack-sm"
      aria-labelledby="rename-heading"
    >
      <h2 id="rename-heading">Band name</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor="band-rename">Name</label>
          <input id="band-rename" className="input" maxLength={BAND_NAME_MAX} {...form.register("name")} {...fieldAria(error, errorId)} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={rename.isPending || unchanged}>
          {rename.isPending ? "Saving…" : "Rename band"}
        </button>
      </div>
      {error ? (
        <FieldError id={errorId} error={error} />
      ) : rename.isSuccess && unchanged ? (
        <p className="small text-success" role="status">
          Saved. Everyone in the band sees the new name.
        </p>
      ) : null}
    </form>
  );
}

export function DeleteBandSection({ bandId, name }: { bandId: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = api.band.delete.useMutation({
    onSuccess: () => {
      router.push("/");
      router.refresh();
    },
  });

  return (
    <section className="card danger-zone stack-sm" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete this band</h2>
      <p className="muted m-0">
        Deletes every song, take, audio file, comment, invite and the member list. This cannot be undone.
      </p>
      <div>
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => {
            remove.reset();
            setOpen(true);
          }}
        >
          Delete band…
        </button>
      </div>
      <ConfirmDialog
        open={open}
        title={`Delete ${name} for everyone?`}
        confirmLabel="Delete band forever"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error ? userMessage(remove.error) : null}
        confirmPhrase={name}
        phraseMatches={(typed) => deleteConfirmationMatches(name, typed)}
        onConfirm={() => remove.mutate({ bandId })}
        onClose={() => setOpen(false)}
      >
        <p>All songs, takes, audio files, comments and invites of this band are deleted for every member. There is no undo.</p>
      </ConfirmDialog>
    </section>
  );
}
