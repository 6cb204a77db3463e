"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { MEMBER_PART_MAX, setPartInput } from "@/features/members/member.schema";
import { api } from "@/trpc/react";

/** What you play in this band; shown beside your name on the members list. */
export function MyPartForm({ bandId, bandName, part }: { bandId: string; bandName: string; part: string | null }) {
  const utils = api.useUtils();
  const errorId = useId();
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(setPartInput), defaultValues: { part: part ?? "" } });
  const setPart = api.member.setPart.useMutation({
    onSuccess: async (row) => {
      form.reset({ part: row.part ?? "" });
      setSaved(row.part ? `Saved: you play ${row.part}.` : "Cleared your part.");
      await utils.member.list.invalidate({ bandId });
    },
    onError: showServerError(form.setError, "part"),
  });
  const error = form.formState.errors.part;
  return (
    <form
      className="stack-sm"
      noValidate
      onSubmit={form.handleSubmit((input) => {
        setSaved(null);
        setPart.mutate({ bandId, part: input.part ?? "" });
      })}
    >
      <div className="part-form">
        <div className="field">
          <label htmlFor="my-part">What you play in {bandName}</label>
          <input id="my-part" className="input" maxLength={MEMBER_PART_MAX} placeholder="e.g. Bass, backing vocals" autoComplete="off" {...form.register("part")} {...fieldAria(error, errorId)} />
        </div>
        <button type="submit" className="btn btn-secondary" disabled={setPart.isPending}>
          {setPart.isPending ? "Saving…" : "Save part"}
        </button>
      </div>
      <FieldError id={errorId} error={error} />
      {saved ? (
        <p className="small m-0 text-success" role="status">
          {saved}
        </p>
      ) : null}
    </form>
  );
}
