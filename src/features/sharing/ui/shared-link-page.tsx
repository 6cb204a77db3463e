"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { userMessage } from "@/lib/user-message";
import { api, type RouterOutputs } from "@/trpc/react";
import { linkEndedFrom, linkEndedWords, type LinkEnded } from "../guest-link-state";
import { SharedTake, type RenderGuestPlayer } from "./shared-take";

type Opened = RouterOutputs["share"]["open"];
type View =
  | { kind: "loading" }
  | { kind: "password"; error: string | null }
  | { kind: "ready"; data: Opened }
  | { kind: "ended"; why: LinkEnded }
  | { kind: "failed"; message: string };

type ClientError = { message?: string; data?: { reason?: string | null; httpStatus?: number } | null };

/**
 * The page a link opens, for someone outside the band: no account, only what
 * the link shares. It asks for the password when the link has one, and says
 * plainly when the link has been revoked or has expired, also when that
 * happens while the take is playing.
 */
export function SharedLinkPage({ token, cspNonce, renderPlayer }: { token: string; cspNonce?: string; renderPlayer: RenderGuestPlayer }) {
  const [view, setView] = useState<View>({ kind: "loading" });
  const open = api.share.open.useMutation();
  const { mutateAsync } = open;

  const load = useCallback(
    async (password?: string) => {
      try {
        const data = await mutateAsync({ token, ...(password !== undefined ? { password } : {}) });
        setView({ kind: "ready", data });
      } catch (error) {
        const e = error as ClientError;
        const reason = e.data?.reason ?? null;
        if (reason === "SHARE_PASSWORD_REQUIRED") return setView({ kind: "password", error: null });
        if (reason === "SHARE_PASSWORD_WRONG" || reason === "RATE_LIMITED") return setView({ kind: "password", error: userMessage(error) });
        const ended = linkEndedFrom(e.data?.httpStatus ?? 0, reason);
        if (ended) return setView({ kind: "ended", why: ended });
        setView({ kind: "failed", message: userMessage(error) });
      }
    },
    [mutateAsync, token],
  );

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void load();
  }, [load]);

  if (view.kind === "loading") {
    return (
      <section className="stack" aria-busy="true" data-testid="share-loading">
        <p className="muted" role="status">
          Opening the link…
        </p>
      </section>
    );
  }
  if (view.kind === "ended") return <LinkEndedNotice why={view.why} />;
  if (view.kind === "failed") {
    return (
      <section className="stack">
        <h1>This link could not be opened</h1>
        <Alert tone="error">{view.message}</Alert>
        <button type="button" className="btn btn-secondary" onClick={() => void load()}>
          Try again
        </button>
      </section>
    );
  }
  if (view.kind === "password") return <PasswordForm error={view.error} pending={open.isPending} onSubmit={(password) => void load(password)} />;
  return <SharedContent token={token} data={view.data} cspNonce={cspNonce} renderPlayer={renderPlayer} onEnded={(why) => setView({ kind: "ended", why })} />;
}

function LinkEndedNotice({ why }: { why: LinkEnded }) {
  const words = linkEndedWords[why];
  return (
    <section className="stack empty-state" data-testid="share-ended" data-why={why}>
      <h1>{words.title}</h1>
      <p className="muted">{words.body}</p>
    </section>
  );
}

function PasswordForm({ error, pending, onSubmit }: { error: string | null; pending: boolean; onSubmit: (password: string) => void }) {
  const [password, setPassword] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password) onSubmit(password);
  };
  return (
    <section className="card stack auth-card" data-testid="share-password">
      <h1>This link has a password</h1>
      <p className="muted">The band gave it a password. Type it to listen.</p>
      <form className="stack" onSubmit={submit} noValidate>
        <div className="field">
          <label className="label" htmlFor="share-password">
            Password
          </label>
          <input
            id="share-password"
            className="input"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "share-password-error" : undefined}
            required
          />
          {error ? (
            <p id="share-password-error" className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn-primary" disabled={pending || !password}>
          {pending ? "Checking…" : "Open"}
        </button>
      </form>
    </section>
  );
}

function SharedContent({ token, data, cspNonce, renderPlayer, onEnded }: { token: string; data: Opened; cspNonce?: string; renderPlayer: RenderGuestPlayer; onEnded: (why: LinkEnded) => void }) {
  return (
    <section className="stack" data-testid="share-content">
      <header className="stack-sm">
        <p className="eyebrow">{data.bandName} shared with you</p>
        <h1>{headline(data)}</h1>
        {data.expiresAt ? (
          <p className="small muted">
            This link works until <time dateTime={new Date(data.expiresAt).toISOString()}>{new Date(data.expiresAt).toLocaleString()}</time>.
          </p>
        ) : null}
      </header>
      {data.takes.length === 0 ? (
        <p className="empty-state muted">There is nothing to hear here yet.</p>
      ) : (
        data.takes.map((take) => (
          <SharedTake
            key={take.id}
            renderPlayer={renderPlayer}
            token={token}
            take={take}
            bandName={data.bandName}
            allowComments={data.allowComments}
            comments={data.comments.filter((c) => c.versionId === take.id)}
            cspNonce={cspNonce}
            onEnded={onEnded}
          />
        ))
      )}
    </section>
  );
}

function headline(data: Opened): string {
  const s = data.subject;
  return s.charAt(0).toUpperCase() + s.slice(1);
}
