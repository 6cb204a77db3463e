"use client";

import { useState } from "react";
import { Alert } from "@/components/alert";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { LocalDate } from "@/components/local-date";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";

type Link = RouterOutputs["share"]["list"][number];

const stateBadge: Record<Link["state"], string> = { active: "badge badge-success", expired: "badge badge-neutral", revoked: "badge badge-danger" };
const stateLabel: Record<Link["state"], string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

/** The band's share links: what each shares, its state, views and last opening, and Revoke for its creator or an admin. */
export function ShareLinks({ bandId }: { bandId: string }) {
  const utils = api.useUtils();
  const list = api.share.list.useQuery({ bandId });
  const [revoking, setRevoking] = useState<Link | null>(null);
  const revoke = api.share.revoke.useMutation({
    onSuccess: async () => {
      setRevoking(null);
      await utils.share.list.invalidate({ bandId });
    },
  });

  if (list.isPending) {
    return (
      <p className="muted" role="status">
        Loading the band’s links…
      </p>
    );
  }
  if (list.error) return <Alert tone="error">{userMessage(list.error)}</Alert>;
  if (list.data.length === 0) {
    return (
      <div className="empty-state">
        <h2>No shared links yet</h2>
        <p>Use “Share” on a take, a song or a setlist to send it to someone outside the band.</p>
      </div>
    );
  }
  return (
    <>
      <ul className="list stack-sm" data-testid="share-links">
        {list.data.map((link) => (
          <li key={link.id} className="card card-tight stack-sm" data-testid="share-link-row" data-state={link.state}>
            <div className="row-between">
              <strong>{capitalise(link.subject)}</strong>
              <span className={stateBadge[link.state]}>{stateLabel[link.state]}</span>
            </div>
            <p className="small muted m-0">
              By {link.creator.name} · {link.expiresAt ? <>expires <LocalDate date={link.expiresAt} /></> : "never expires"}
              {link.options.password ? " · password" : ""}
              {link.options.allowComments ? " · guest comments" : ""}
              {link.options.allowDownload ? " · downloads" : ""}
            </p>
            <p className="small m-0">
              {link.views} {link.views === 1 ? "view" : "views"}
              {link.lastOpenedAt ? (
                <>
                  {" "}
                  · last opened <LocalDate date={link.lastOpenedAt} />
                </>
              ) : " · not opened yet"}
            </p>
            {link.state !== "revoked" && link.canRevoke ? (
              <div>
                <button type="button" className="btn btn-danger btn-sm" onClick={() => setRevoking(link)} data-testid="share-revoke">
                  Revoke
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={revoking != null}
        title="Revoke this link?"
        confirmLabel="Revoke"
        pendingLabel="Revoking…"
        danger
        pending={revoke.isPending}
        error={revoke.error ? userMessage(revoke.error) : null}
        onConfirm={() => revoking && revoke.mutate({ bandId, shareId: revoking.id })}
        onClose={() => setRevoking(null)}
      >
        Anyone holding it loses access at once, even in the middle of playing.
      </ConfirmDialog>
    </>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
