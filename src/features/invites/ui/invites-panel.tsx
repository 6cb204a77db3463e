"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { FieldError, fieldAria, showServerError } from "@/components/form-field";
import { RoleBadge } from "@/components/role-badge";
import { userMessage } from "@/lib/user-message";
import { roleLabel, type BandRole } from "@/lib/roles";
import { api, type RouterOutputs } from "@/trpc/react";
import { DEFAULT_INVITE_EXPIRY_DAYS, inviteExpiryChoices, type InviteExpiryDays } from "../invite.rules";
import { createInviteInput } from "../invite.schema";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { CopyLink } from "@/components/copy-link";
import { InviteStatusBadge } from "./invite-status-badge";
import { LocalDate } from "@/components/local-date";
import { formatRelative } from "@/lib/format-time";
import { Icon } from "@/components/icon";
import { Alert } from "@/components/alert";

type Invite = RouterOutputs["invite"]["list"]["invites"][number];
type Issued = { email: string; link: string; emailSent: boolean; resent: boolean };

const expiryLabel: Record<InviteExpiryDays, string> = { 1: "1 day", 7: "7 days", 30: "30 days" };

function who(user: { name: string | null; email: string } | null): string {
  return user ? user.name?.trim() || user.email : "a former member";
}

/** The band's invites: create (admins), the link shown once, and the list every member can read. */
export function InvitesPanel({ bandId }: { bandId: string }) {
  const list = api.invite.list.useQuery({ bandId });
  const [issued, setIssued] = useState<Issued | null>(null);
  const grantable = list.data?.grantableRoles ?? [];
  const canManage = grantable.length > 0;

  return (
    <div className="stack invites-panel">
      {list.isSuccess && canManage && (
        <section className="card" aria-labelledby="invite-form-heading">
          <h2 id="invite-form-heading">Invite someone</h2>
          <CreateInviteForm bandId={bandId} grantable={grantable} onIssued={setIssued} />
        </section>
      )}
      {issued && <IssuedLink issued={issued} onDismiss={() => setIssued(null)} />}
      {list.isSuccess && !canManage && (
        <Alert as="p" tone="info" announce={false}>Only the band&apos;s admins and owners can send invites. You can see who has been invited and where each invite stands.</Alert>
      )}

      <section aria-labelledby="invites-heading" className="stack-sm">
        <div className="row-between">
          <h2 className="m-0" id="invites-heading">
            Invites
          </h2>
          {list.data && <span className="small faint">{list.data.invites.length === 1 ? "1 invite" : `${list.data.invites.length} invites`}</span>}
        </div>
        {list.isPending && (
          <div className="stack-sm" aria-busy="true" aria-label="Loading invites">
            <div className="skeleton" style={{ height: 64 }} />
            <div className="skeleton" style={{ height: 64 }} />
          </div>
        )}
        {list.isError && (
          <Alert as="p" tone="error">
            {userMessage(list.error)}
          </Alert>
        )}
        {list.data && list.data.invites.length === 0 && (
          <div className="empty-state">
            <div className="icon"><Icon name="mail" size={28} /></div>
            <h3>No invites yet</h3>
            <p>{canManage ? "Invite your bandmates by email above. Each gets a personal link that works once." : "When an admin invites someone, it shows up here."}</p>
          </div>
        )}
        {list.data && list.data.invites.length > 0 && (
          <ul className="list" aria-label="Invites">
            {list.data.invites.map((invite) => (
              <InviteRow key={invite.id} bandId={bandId} invite={invite} canManage={canManage} grantable={grantable} onIssued={setIssued} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

const inviteFields = createInviteInput.omit({ bandId: true });
const inviteDefaults = { email: "", role: "MEMBER", expiresInDays: DEFAULT_INVITE_EXPIRY_DAYS } as const;

function CreateInviteForm({ bandId, grantable, onIssued }: { bandId: string; grantable: BandRole[]; onIssued: (i: Issued) => void }) {
  const utils = api.useUtils();
  const ids = { email: useId(), role: useId(), expiry: useId(), error: useId(), hint: useId() };
  const form = useForm({ resolver: zodResolver(inviteFields), defaultValues: inviteDefaults });
  const create = api.invite.create.useMutation({
    onSuccess: async (result) => {
      onIssued({ email: result.invite.email, link: result.link, emailSent: result.emailSent, resent: false });
      // Back to the defaults: the next invite must not silently go out as Admin too.
      form.reset(inviteDefaults);
      await utils.invite.list.invalidate({ bandId });
    },
    onError: showServerError(form.setError, "root.server", ["email", "role", "expiresInDays"]),
  });
  const { errors } = form.formState;
  const error = errors.email ?? errors.role ?? errors.expiresInDays ?? errors.root?.server;

  return (
    <form onSubmit={form.handleSubmit((input) => create.mutate({ bandId, ...input }))} noValidate className="stack-sm">
      <div className="invite-form-grid">
        <div className="field invite-form-email">
          <label htmlFor={ids.email}>Email address</label>
          <input
            id={ids.email}
            className="input"
            type="email"
            inputMode="email"
            autoComplete="off"
            placeholder="bandmate@example.com"
            {...form.register("email")}
            {...fieldAria(errors.email, ids.error, ids.hint)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>Role</label>
          <select id={ids.role} className="select" {...form.register("role")} {...fieldAria(errors.role, ids.error)}>
            {grantable.map((r) => (
              <option key={r} value={r}>
                {roleLabel[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.expiry}>Expires after</label>
          <select id={ids.expiry} className="select" {...form.register("expiresInDays", { valueAsNumber: true })} {...fieldAria(errors.expiresInDays, ids.error)}>
            {inviteExpiryChoices.map((d) => (
              <option key={d} value={d}>
                {expiryLabel[d]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-primary invite-form-submit" disabled={create.isPending}>
          {create.isPending ? <><span className="spinner" aria-hidden="true" /> Sending…</> : "Send invite"}
        </button>
      </div>
      {error ? (
        <FieldError id={ids.error} error={error} />
      ) : (
        <p id={ids.hint} className="hint">
          We email them a personal link. Only that address can accept it, and it works once. Inviting the same address again replaces the earlier invite.
        </p>
      )}
    </form>
  );
}

function IssuedLink({ issued, onDismiss }: { issued: Issued; onDismiss: () => void }) {
  return (
    <section className="card issued-link stack-sm" aria-live="polite" aria-labelledby="issued-heading">
      <div className="row-between">
        <h2 className="m-0" id="issued-heading">
          {issued.resent ? "Invite sent again" : "Invite sent"}
        </h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onDismiss}>
          Done
        </button>
      </div>
      {issued.emailSent ? (
        <p className="muted m-0">
          We emailed a link to <strong>{issued.email}</strong>
          {issued.resent ? "; the previous link no longer works." : "."} You can also share it yourself (it only works for that address):
        </p>
      ) : (
        <Alert as="p" tone="warning" announce={false} className="m-0">
          The invite was created, but we couldn&apos;t email <strong>{issued.email}</strong>. Send them this link yourself:
        </Alert>
      )}
      <CopyLink link={issued.link} label="Invite link (shown only now)" />
    </section>
  );
}

function InviteRow({
  bandId,
  invite,
  canManage,
  grantable,
  onIssued,
}: {
  bandId: string;
  invite: Invite;
  canManage: boolean;
  grantable: BandRole[];
  onIssued: (i: Issued) => void;
}) {
  const utils = api.useUtils();
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => utils.invite.list.invalidate({ bandId });
  const resend = api.invite.resend.useMutation({
    onSuccess: async (result) => {
      onIssued({ email: result.invite.email, link: result.link, emailSent: result.emailSent, resent: true });
      await refresh();
    },
    onError: (e) => setError(userMessage(e)),
  });
  const revoke = api.invite.revoke.useMutation({
    onSuccess: async () => {
      setConfirm(false);
      await refresh();
    },
    onError: (e) => {
      setConfirm(false);
      setError(userMessage(e));
    },
  });
  const open = invite.status === "PENDING" || invite.status === "EXPIRED";
  const now = new Date();

  return (
    <li className="invite-row" data-testid="invite-row">
      <div className="invite-row-main">
        <div className="row invite-row-title">
          <strong className="truncate" title={invite.email}>
            {invite.email}
          </strong>
          <RoleBadge role={invite.role} />
          <InviteStatusBadge status={invite.status} />
        </div>
        <p className="small muted invite-row-meta">
          Invited by {who(invite.invitedBy)} <span title={invite.createdAt.toISOString()}>{formatRelative(invite.createdAt, now)}</span>
          {" · "}
          {invite.status === "PENDING" && <>expires <LocalDate date={invite.expiresAt} withTime={false} /></>}
          {invite.status === "EXPIRED" && <>expired <LocalDate date={invite.expiresAt} withTime={false} /></>}
          {invite.status === "ACCEPTED" && invite.acceptedAt && <>joined {formatRelative(invite.acceptedAt, now)}</>}
          {invite.status === "DECLINED" && invite.declinedAt && <>declined {formatRelative(invite.declinedAt, now)}</>}
          {invite.status === "REVOKED" && invite.revokedAt && <>revoked {formatRelative(invite.revokedAt, now)}</>}
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      {canManage && open && (
        <div className="invite-row-actions">
          {grantable.includes(invite.role) && (
            <button type="button" className="btn btn-secondary btn-sm" onClick={() => { setError(null); resend.mutate({ bandId, inviteId: invite.id }); }} disabled={resend.isPending}>
              {resend.isPending ? "Sending…" : "Resend"}
            </button>
          )}
          {grantable.includes(invite.role) && (
            <button type="button" className="btn btn-danger btn-sm" onClick={() => setConfirm(true)} aria-label={`Revoke the invite for ${invite.email}`}>
              Revoke
            </button>
          )}
          <ConfirmDialog
            open={confirm}
            title="Revoke this invite?"
            confirmLabel="Revoke invite"
            pending={revoke.isPending}
            onConfirm={() => revoke.mutate({ bandId, inviteId: invite.id })}
            onClose={() => setConfirm(false)}
          >
            <p>
              The link sent to <strong>{invite.email}</strong> stops working right away. You can invite them again later.
            </p>
          </ConfirmDialog>
        </div>
      )}
    </li>
  );
}
