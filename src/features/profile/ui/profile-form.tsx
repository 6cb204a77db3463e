"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { Avatar } from "@/components/avatar";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { DISPLAY_NAME_MAX, updateProfileInput } from "@/features/profile/profile.schema";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { Alert } from "@/components/alert";

/** Your display name: what your bands see instead of your email address. */
export function ProfileForm() {
  const router = useRouter();
  const utils = api.useUtils();
  const profile = api.profile.get.useQuery();
  const errorId = useId();
  const hintId = useId();
  const [saved, setSaved] = useState(false);
  const form = useForm({ resolver: zodResolver(updateProfileInput), values: { name: profile.data?.name ?? "" } });
  const update = api.profile.update.useMutation({
    onSuccess: async () => {
      setSaved(true);
      await utils.profile.get.invalidate();
      // The header and every page show the new name.
      router.refresh();
    },
    onError: showServerError(form.setError, "name"),
  });

  if (profile.isPending) return <div className="skeleton" style={{ height: 120 }} aria-busy="true" aria-label="Loading your profile" />;
  if (profile.isError) return <Alert as="p" tone="error">{userMessage(profile.error)}</Alert>;

  const error = form.formState.errors.name;
  return (
    <form
      className="stack"
      noValidate
      onSubmit={form.handleSubmit((input) => {
        setSaved(false);
        update.mutate(input);
      })}
    >
      <div className="row" style={{ flexWrap: "nowrap" }}>
        <Avatar person={profile.data} />
        <div className="grow">
          <div style={{ fontWeight: 650 }}>{profile.data.name?.trim() || "No name yet"}</div>
          <div className="small muted truncate">Signed in as {profile.data.email}</div>
        </div>
      </div>
      <div className="field">
        <label htmlFor="profile-name">Your name</label>
        <input id="profile-name" className="input" maxLength={DISPLAY_NAME_MAX} autoComplete="name" {...form.register("name")} {...fieldAria(error, errorId, hintId)} />
        <p id={hintId} className="hint">
          Shown to your bands instead of your email: on members, takes, comments and the emails we send.
        </p>
        <FieldError id={errorId} error={error} />
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save name"}
        </button>
        {saved ? (
          <span className="small text-success" role="status">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}
