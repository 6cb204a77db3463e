"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { DEFAULT_INVITE_EXPIRY_DAYS, inviteExpiryChoices } from "../invite.rules";
import { DEFAULT_JOIN_LINK_MAX_USES, joinLinkMaxUsesLimit } from "../join-link.rules";
import { createJoinLinkInput } from "../join-link.schema";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { CopyLink } from "@/components/copy-link";
import { JoinLinkStatusBadge } from "./invite-status-badge";
import { LocalDate } from "@/components/local-date";
import { Alert } from "@/components/alert";

const joinLinkFields = createJoinLinkInput.omit({ bandId: true });
type JoinLinkSettings = z.output<typeof joinLinkFields>;

/** The band's shareable join link: admins create, regenerate or turn it off; members see its settings. */
export function JoinLinkPanel({ bandId, canManage }: { bandId: string; canManage: boolean }) {
  const utils = api.useUtils();
  const current = api.joinLink.get.useQuery({ bandId });
  const [link, setLink] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"regenerate" | "revoke" | null>(null);
  // Settings checked by the form, waiting for "Make new link" in the dialog.
  const [toCreate, setToCreate] = useState<JoinLinkSettings | null>(null);
  const ids = { expiry: useId(), maxUses: useId(), error: useId() };
  const form = useForm({
    resolver: zodResolver(joinLinkFields),
    defaultValues: { expiresInDays: DEFAULT_INVITE_EXPIRY_DAYS, maxUses: DEFAULT_JOIN_LINK_MAX_USES },
  });
  const onServerError = showServerError(form.setError, "root.server", ["expiresInDays", "maxUses"]);

  const create = api.joinLink.create.useMutation({
    onSuccess: async (result) => {
      setLink(result.link);
      setConfirm(null);
      await utils.joinLink.get.invalidate({ bandId });
    },
    onError: (e) => {
      setConfirm(null);
      onServerError(e);
    },
  });
  const revoke = api.joinLink.revoke.useMutation({
    onSuccess: async () => {
      setLink(null);
      setConfirm(null);
      await utils.joinLink.get.invalidate({ bandId });
    },
    onError: (e) => {
      setConfirm(null);
      onServerError(e);
    },
  });

  const active = current.data && current.data.status === "ACTIVE" ? current.data : null;
  const { errors } = form.formState;
  const error = errors.expiresInDays ?? errors.maxUses ?? errors.root?.server;

  const onSubmit = form.handleSubmit((settings) => {
    if (current.data) {
      setToCreate(settings);
      setConfirm("regenerate");
    } else create.mutate({ bandId, ...settings });
  });

  return (
    <section className="card stack-sm" aria-labelledby="join-link-heading">
      <div className="row-between">
        <h2 className="m-0" id="join-link-heading">
          Shareable join link
        </h2>
        {current.data && <JoinLinkStatusBadge status={current.data.status} />}
      </div>
      <p className="muted small m-0">
        One link for the band chat: anyone signed in who opens it can join as a member, until it expires or reaches its limit.
      </p>
      {current.isPending && <div className="skeleton" style={{ height: 40 }} />}
      {current.isError && <Alert as="p" tone="error">{userMessage(current.error)}</Alert>}
      {current.isSuccess &&
        (current.data ? (
          <p className="small m-0" data-testid="join-link-summary">
            {current.data.uses} of {current.data.maxUses} uses · {current.data.status === "EXPIRED" ? "expired" : "expires"} <LocalDate date={current.data.expiresAt} withTime={false} />
            {current.data.createdBy && <> · made by {current.data.createdBy.name?.trim() || current.data.createdBy.email}</>}
          </p>
        ) : (
          <p className="small faint m-0">
            No join link right now.
          </p>
        ))}
      {link && <CopyLink link={link} label="Join link (shown only now)" />}
      {canManage ? (
        <form className="join-link-form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor={ids.expiry}>Expires after</label>
            <select id={ids.expiry} className="select" {...form.register("expiresInDays", { valueAsNumber: true })} {...fieldAria(errors.expiresInDays, ids.error)}>
              {inviteExpiryChoices.map((d) => (
                <option key={d} value={d}>
                  {d === 1 ? "1 day" : `${d} days`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.maxUses}>Max. people</label>
            <input
              id={ids.maxUses}
              className="input"
              type="number"
              min={1}
              max={joinLinkMaxUsesLimit}
              {...form.register("maxUses")}
              {...fieldAria(errors.maxUses, ids.error)}
            />
          </div>
          <button type="submit" className="btn btn-secondary" disabled={create.isPending}>
            {current.data ? "Regenerate link" : "Create link"}
          </button>
          {active && (
            <button type="button" className="btn btn-danger" onClick={() => setConfirm("revoke")}>
              Turn off
            </button>
          )}
        </form>
      ) : (
        <p className="hint m-0">
          Admins create and share this link.
        </p>
      )}
      <FieldError id={ids.error} error={error} />
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === "revoke" ? "Turn off the join link?" : "Make a new join link?"}
        confirmLabel={confirm === "revoke" ? "Turn off" : "Make new link"}
        pending={create.isPending || revoke.isPending}
        onConfirm={() => (confirm === "revoke" ? revoke.mutate({ bandId }) : toCreate && create.mutate({ bandId, ...toCreate }))}
        onClose={() => setConfirm(null)}
      >
        <p>The current link stops working right away for anyone who hasn&apos;t used it yet. People who already joined stay in the band.</p>
      </ConfirmDialog>
    </section>
  );
}
