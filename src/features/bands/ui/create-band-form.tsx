"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { BAND_NAME_MAX, createBandInput } from "@/features/bands/band.schema";
import { api } from "@/trpc/react";

export function CreateBandForm() {
  const router = useRouter();
  const utils = api.useUtils();
  const ids = { error: useId(), hint: useId() };
  const form = useForm({ resolver: zodResolver(createBandInput), defaultValues: { name: "" } });
  const create = api.band.create.useMutation({
    onSuccess: async (band) => {
      await utils.band.list.invalidate();
      router.push(`/bands/${band.id}`);
      router.refresh();
    },
    onError: showServerError(form.setError, "name"),
  });
  const error = form.formState.errors.name;

  return (
    <form onSubmit={form.handleSubmit((input) => create.mutate(input))} noValidate className="stack-sm">
      <div className="form-row">
        <div className="field">
          <label htmlFor="band-name">Band name</label>
          <input
            id="band-name"
            className="input"
            placeholder="e.g. The Late Night Takes"
            maxLength={BAND_NAME_MAX}
            {...form.register("name")}
            {...fieldAria(error, ids.error, ids.hint)}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create band"}
        </button>
      </div>
      {error ? (
        <FieldError id={ids.error} error={error} />
      ) : (
        <p id={ids.hint} className="hint">
          You&apos;ll be its owner, and can invite the others next.
        </p>
      )}
    </form>
  );
}
