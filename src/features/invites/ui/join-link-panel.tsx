"use client";

import { useState, type FormEvent } from "react";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { DEFAULT_INVITE_EXPIRY_DAYS, DEFAULT_JOIN_LINK_MAX_USES, inviteExpiryChoices, joinLinkMaxUsesLimit, type InviteExpiryDays } from "../invite-rules";
import { createJoinLinkInput } from "../invite.schema";
import { ConfirmDialog } from "./confirm-dialog";
import { CopyLink } from "./copy-link";
import { JoinLinkStatusBadge } from "./invite-status-badge";
import { LocalDate } from "./local-date";

/** The band's shareable join link: admins create, regenerate or turn it off; members see its settings. */
export function JoinLinkPanel({ bandId, canManage }: { bandId: string; canManage: boolean }) {
  const utils = api.useUtils();
  const current = api.joinLink.get.useQuery({ bandId });
  const [link, setLink] = useState<string | null>(null);
  const [expiresInDays, setExpiresInDays] = useState<InviteExpiryDays>(DEFAULT_INVITE_EXPIRY_DAYS);
  const [maxUses, setMaxUses] = useState(String(DEFAULT_JOIN_LINK_MAX_USES));
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"regenerate" | "revoke" | null>(null);

  const create = api.joinLink.create.useMutation({
    onSuccess: async (result) => {
      setLink(result.link);
      setConfirm(null);
      await utils.joinLink.get.invalidate({ bandId });
    },
    onError: (e) => {
      setConfirm(null);
      setError(userMessage(e));
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
      setError(userMessage(e));
    },
  });

  const active = current.data && current.data.status === "ACTIVE" ? current.data : null;

  function submit() {
    const parsed = createJoinLinkInput.safeParse({ bandId, expiresInDays, maxUses });
    if (!parsed.success) {
      setConfirm(null);
      setError(parsed.error.issues[0]?.message ?? "Check the settings.");
      return;
    }
    setError(null);
    create.mutate(parsed.data);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (current.data) setConfirm("regenerate");
    else submit();
  }

  return (
    <section className="card stack-sm" aria-labelledby="join-link-heading">
      <div className="row-between">
        <h2 id="join-link-heading" style={{ margin: 0 }}>
          Shareable join link
        </h2>
        {current.data && <JoinLinkStatusBadge status={current.data.status} />}
      </div>
      <p className="muted small" style={{ margin: 0 }}>
        One link for the band chat: anyone signed in who opens it can join as a member, until it expires or reaches its limit.
      </p>
      {current.isPending && <div className="skeleton" style={{ height: 40 }} />}
      {current.isError && <p className="alert alert-error" role="alert">{userMessage(current.error)}</p>}
      {current.isSuccess &&
        (current.data ? (
          <p className="small" style={{ margin: 0 }} data-testid="join-link-summary">
            {current.data.uses} of {current.data.maxUses} uses · {current.data.status === "EXPIRED" ? "expired" : "expires"} <LocalDate date={current.data.expiresAt} withTime={false} />
            {current.data.createdBy && <> · made by {current.data.createdBy.name?.trim() || current.data.createdBy.email}</>}
          </p>
        ) : (
          <p className="small faint" style={{ margin: 0 }}>
            No join link right now.
          </p>
        ))}
      {link && <CopyLink link={link} label="Join link (shown only now)" />}
      {canManage ? (
        <form className="join-link-form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor="join-expiry">Expires after</label>
            <select id="join-expiry" className="select" value={expiresInDays} onChange={(e) => setExpiresInDays(Number(e.target.value) as InviteExpiryDays)}>
              {inviteExpiryChoices.map((d) => (
                <option key={d} value={d}>
                  {d === 1 ? "1 day" : `${d} days`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="join-max-uses">Max. people</label>
            <input id="join-max-uses" className="input" type="number" min={1} max={joinLinkMaxUsesLimit} value={maxUses} onChange={(e) => setMaxUses(e.target.value)} />
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
        <p className="hint" style={{ margin: 0 }}>
          Admins create and share this link.
        </p>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === "revoke" ? "Turn off the join link?" : "Make a new join link?"}
        confirmLabel={confirm === "revoke" ? "Turn off" : "Make new link"}
        pending={create.isPending || revoke.isPending}
        onConfirm={() => (confirm === "revoke" ? revoke.mutate({ bandId }) : submit())}
        onClose={() => setConfirm(null)}
      >
        <p>The current link stops working right away for anyone who hasn&apos;t used it yet. People who already joined stay in the band.</p>
      </ConfirmDialog>
    </section>
  );
}
