"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createBandInput } from "@/features/bands/band.schema";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";

export function CreateBandForm() {
  const router = useRouter();
  const utils = api.useUtils();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const create = api.band.create.useMutation({
    onSuccess: async (band) => {
      await utils.band.list.invalidate();
      router.push(`/bands/${band.id}`);
      router.refresh();
    },
    onError: (e) => setError(userMessage(e)),
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = createBandInput.safeParse({ name });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the band name.");
      return;
    }
    setError(null);
    create.mutate(parsed.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="stack-sm">
      <div className="form-row">
        <div className="field">
          <label htmlFor="band-name">Band name</label>
          <input
            id="band-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. The Late Night Takes"
            maxLength={80}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "band-name-error" : "band-name-hint"}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create band"}
        </button>
      </div>
      {error ? (
        <p id="band-name-error" className="field-error" role="alert">
          {error}
        </p>
      ) : (
        <p id="band-name-hint" className="hint">
          You&apos;ll be its owner, and can invite the others next.
        </p>
      )}
    </form>
  );
}
