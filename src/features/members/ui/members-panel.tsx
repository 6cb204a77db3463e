"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Avatar } from "@/components/avatar";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { LocalDate } from "@/components/local-date";
import { RoleBadge } from "@/components/role-badge";
import { userMessage } from "@/lib/user-message";
import { roleLabel, type BandRole } from "@/lib/roles";
import { api, type RouterOutputs } from "@/trpc/react";
import { MyPartForm } from "./my-part-form";
import { isSoleOwner } from "./sole-owner";
import { Alert } from "@/components/alert";

type Member = RouterOutputs["member"]["list"][number];

type Pending =
  | { kind: "role"; member: Member; role: BandRole }
  | { kind: "remove"; member: Member }
  | { kind: "leave"; member: Member }
  | null;

const nameOf = (m: Member) => m.name?.trim() || m.email;
const withArticle = (role: BandRole) => (role === "ADMIN" || role === "OWNER" ? `an ${roleLabel[role].toLowerCase()}` : "a member");

const roleHelp: Record<BandRole, string> = {
  OWNER: "Owners can do everything, including deleting the band and making other owners.",
  ADMIN: "Admins invite people, manage members (not owners) and rename the band.",
  MEMBER: "Members upload takes, comment and see everything in the band.",
};

export function MembersPanel({ bandId, bandName }: { bandId: string; bandName: string }) {
  const router = useRouter();
  const utils = api.useUtils();
  const members = api.member.list.useQuery({ bandId });
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const done = async (message: string) => {
    setPending(null);
    setError(null);
    setNotice(message);
    await utils.member.list.invalidate({ bandId });
    router.refresh();
  };
  const fail = (e: unknown) => {
    setPending(null);
    setNotice(null);
    setError(userMessage(e));
  };

  const updateRole = api.member.updateRole.useMutation({ onError: fail });
  const remove = api.member.remove.useMutation({ onError: fail });
  const leave = api.member.leave.useMutation({
    onSuccess: () => {
      router.push(`/?left=${encodeURIComponent(bandName)}`);
      router.refresh();
    },
    onError: fail,
  });
  const busy = updateRole.isPending || remove.isPending || leave.isPending;

  function confirm() {
    if (!pending) return;
    if (pending.kind === "role") {
      const { member, role } = pending;
      updateRole.mutate({ bandId, userId: member.userId, role }, { onSuccess: () => done(`${member.isMe ? "You are" : `${nameOf(member)} is`} now ${withArticle(role)}.`) });
    } else if (pending.kind === "remove") {
      const { member } = pending;
      remove.mutate({ bandId, userId: member.userId }, { onSuccess: () => done(`${nameOf(member)} was removed from ${bandName}.`) });
    } else {
      leave.mutate({ bandId });
    }
  }

  if (members.isPending) {
    return (
      <div className="stack" aria-busy="true" aria-label="Loading members">
        {[0, 1, 2].map((i) => (
          <div key={i} className="skeleton" style={{ height: 56 }} />
        ))}
      </div>
    );
  }
  if (members.isError) {
    return (
      <Alert tone="error">
        {userMessage(members.error)}
      </Alert>
    );
  }

  const list = members.data;
  // Leaving or stepping down would only fail with LAST_OWNER: say why instead.
  const soleOwner = isSoleOwner(list);
  const me = list.find((m) => m.isMe);
  return (
    <section className="stack" aria-labelledby="members-heading">
      <div className="row-between">
        <div>
          <h2 id="members-heading" style={{ marginBottom: 2 }}>
            Members
          </h2>
          <p className="muted small m-0">
            {list.length} {list.length === 1 ? "person" : "people"} in {bandName}
          </p>
        </div>
      </div>

      {error ? (
        <Alert tone="error">
          {error}
        </Alert>
      ) : null}
      {notice ? (
        <Alert tone="success">
          {notice}
        </Alert>
      ) : null}

      {me ? (
        <div className="card card-tight">
          <MyPartForm bandId={bandId} bandName={bandName} part={me.part} />
        </div>
      ) : null}

      <ul className="list member-list">
        {list.map((m) => (
          <li key={m.userId} className="member-row" data-testid="member-row" data-email={m.email}>
            <Avatar person={{ id: m.userId, name: m.name, email: m.email }} />
            <div className="member-who">
              <div className="member-name">
                {/* The name shortens; the "you" tag stays in sight. */}
                <span className="truncate">{m.name?.trim() || m.email}</span>
                {m.isMe ? <span className="member-you">you</span> : null}
              </div>
              {m.part ? (
                <div className="small member-part truncate" data-testid="member-part">
                  {m.part}
                </div>
              ) : null}
              <div className="small muted truncate">
                {m.name?.trim() ? `${m.email} · ` : ""}joined <LocalDate date={m.joinedAt} withTime={false} />
              </div>
            </div>
            <div className="member-controls">
              {m.isMe && soleOwner ? (
                <>
                  <RoleBadge role={m.role} />
                  <p className="small muted member-sole-owner" data-testid="sole-owner-note">
                    You&apos;re the only owner: make someone else an owner before you leave or step down.
                  </p>
                </>
              ) : m.roleOptions.length > 0 ? (
                <label className="member-role-select">
                  <span className="visually-hidden">Role of {nameOf(m)}</span>
                  <select
                    className="select"
                    value={m.role}
                    disabled={busy}
                    onChange={(e) => setPending({ kind: "role", member: m, role: e.target.value as BandRole })}
                  >
                    {[m.role, ...m.roleOptions]
                      .sort((a, b) => ["OWNER", "ADMIN", "MEMBER"].indexOf(a) - ["OWNER", "ADMIN", "MEMBER"].indexOf(b))
                      .map((role) => (
                        <option key={role} value={role}>
                          {roleLabel[role]}
                        </option>
                      ))}
                  </select>
                </label>
              ) : (
                <RoleBadge role={m.role} />
              )}
              {m.canRemove ? (
                <button type="button" className="btn btn-danger btn-sm" disabled={busy} onClick={() => setPending({ kind: "remove", member: m })}>
                  Remove<span className="visually-hidden"> {nameOf(m)}</span>
                </button>
              ) : null}
              {m.canLeave && !(m.isMe && soleOwner) ? (
                <button type="button" className="btn btn-secondary btn-sm" disabled={busy} onClick={() => setPending({ kind: "leave", member: m })}>
                  Leave band
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>

      <details className="member-roles-help small muted">
        <summary>What can each role do?</summary>
        <ul>
          {(["OWNER", "ADMIN", "MEMBER"] as const).map((role) => (
            <li key={role}>
              <strong>{roleLabel[role]}:</strong> {roleHelp[role]}
            </li>
          ))}
        </ul>
      </details>

      <ConfirmDialog
        open={pending?.kind === "role"}
        title={pending?.kind === "role" ? `Make ${pending.member.isMe ? "yourself" : nameOf(pending.member)} ${withArticle(pending.role)}?` : ""}
        confirmLabel="Change role"
        danger={false}
        pending={updateRole.isPending}
        onConfirm={confirm}
        onClose={() => setPending(null)}
      >
        {pending?.kind === "role" ? (
          <>
            <p>
              {pending.member.isMe ? "You" : nameOf(pending.member)} will go from {roleLabel[pending.member.role]} to {roleLabel[pending.role]}. {roleHelp[pending.role]}
            </p>
            {pending.member.isMe ? <p>You are changing your own role: you may not be able to change it back.</p> : null}
          </>
        ) : null}
      </ConfirmDialog>

      <ConfirmDialog
        open={pending?.kind === "remove"}
        title={pending?.kind === "remove" ? `Remove ${nameOf(pending.member)}?` : ""}
        confirmLabel="Remove from band"
        pending={remove.isPending}
        onConfirm={confirm}
        onClose={() => setPending(null)}
      >
        <p>They lose access to {bandName} at once: its songs, takes and comments. What they uploaded or wrote stays. You can invite them again later.</p>
      </ConfirmDialog>

      <ConfirmDialog
        open={pending?.kind === "leave"}
        title={`Leave ${bandName}?`}
        confirmLabel="Leave band"
        pending={leave.isPending}
        onConfirm={confirm}
        onClose={() => setPending(null)}
      >
        <p>You will no longer see its songs, takes or comments. To come back, someone will have to invite you again.</p>
      </ConfirmDialog>
    </section>
  );
}
