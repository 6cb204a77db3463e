"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { Icon } from "@/components/icon";
import { LocalDate } from "@/components/local-date";
import { fromDateTimeLocal } from "@/features/setlists/setlist.rules";
import { SETLIST_NAME_MAX, setlistNameSchema } from "@/features/setlists/setlist.schema";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { Countdown } from "./countdown";
import { Alert } from "@/components/alert";

const createForm = z.object({
  name: setlistNameSchema,
  performAt: z.string().refine((v) => fromDateTimeLocal(v) !== undefined, "Give a real date and time, or leave it empty."),
});

/** The band's setlists, the next gig first, and a form to start one. */
export function SetlistsPanel({ bandId }: { bandId: string }) {
  const setlists = api.setlist.list.useQuery({ bandId });
  return (
    <div className="stack">
      <section className="card card-tight" aria-labelledby="new-setlist-heading">
        <h2 id="new-setlist-heading" className="section-title">
          New setlist
        </h2>
        <CreateSetlistForm bandId={bandId} />
      </section>

      {setlists.isPending ? (
        <div className="stack-sm" aria-busy="true" aria-label="Loading setlists">
          {[0, 1].map((i) => (
            <div key={i} className="skeleton" style={{ height: 64 }} />
          ))}
        </div>
      ) : setlists.isError ? (
        <Alert as="p" tone="error">
          {userMessage(setlists.error)}
        </Alert>
      ) : setlists.data.length === 0 ? (
        <div className="empty-state">
          <div className="icon">
            <Icon name="layers" size={28} />
          </div>
          <h2>No setlists yet</h2>
          <p>Start one for your next gig, then put the songs in order.</p>
        </div>
      ) : (
        <section className="stack-sm" aria-labelledby="setlists-heading">
          <h2 className="m-0" id="setlists-heading">
            Setlists <span className="count-pill">{setlists.data.length}</span>
          </h2>
          <ul className="list" aria-label="Setlists">
            {setlists.data.map((s) => (
              <li key={s.id} data-testid="setlist-row" className="setlist-row">
                <Link href={`/bands/${bandId}/setlists/${s.id}`} className="setlist-link">
                  <span className="grow">
                    <span className="song-title truncate">{s.name}</span>
                    <span className="small muted">
                      {s.performAt ? (
                        <>
                          <LocalDate date={s.performAt} /> · <Countdown date={s.performAt} className="" />
                        </>
                      ) : (
                        "No date yet"
                      )}
                      {" · "}
                      {s.songCount} {s.songCount === 1 ? "song" : "songs"}
                    </span>
                  </span>
                  {s.songCount > 0 ? (
                    s.notReadyCount > 0 ? (
                      <span className="badge badge-warning">{s.notReadyCount} not ready</span>
                    ) : (
                      <span className="badge badge-success">All ready</span>
                    )
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function CreateSetlistForm({ bandId }: { bandId: string }) {
  const router = useRouter();
  const utils = api.useUtils();
  const nameError = useId();
  const dateError = useId();
  const form = useForm({ resolver: zodResolver(createForm), defaultValues: { name: "", performAt: "" } });
  const create = api.setlist.create.useMutation({
    onSuccess: async (setlist) => {
      await utils.setlist.list.invalidate({ bandId });
      router.push(`/bands/${bandId}/setlists/${setlist.id}`);
    },
    onError: showServerError(form.setError, "name", ["name", "performAt"]),
  });
  const errors = form.formState.errors;
  return (
    <form noValidate className="stack-sm" onSubmit={form.handleSubmit(({ name, performAt }) => create.mutate({ bandId, name, performAt: fromDateTimeLocal(performAt) ?? null }))}>
      <div className="setlist-form-grid">
        <div className="field">
          <label htmlFor="setlist-name">Name</label>
          <input id="setlist-name" className="input" maxLength={SETLIST_NAME_MAX} placeholder="e.g. Friday at the Crown" autoComplete="off" {...form.register("name")} {...fieldAria(errors.name, nameError)} />
          <FieldError id={nameError} error={errors.name} />
        </div>
        <div className="field">
          <label htmlFor="setlist-date">Date and time (optional)</label>
          <input id="setlist-date" className="input" type="datetime-local" {...form.register("performAt")} {...fieldAria(errors.performAt, dateError)} />
          <FieldError id={dateError} error={errors.performAt} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create setlist"}
        </button>
      </div>
    </form>
  );
}
