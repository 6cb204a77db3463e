"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { requestSignInLink } from "@/features/auth/request-sign-in-link";
import { userMessage } from "@/lib/user-message";
import { api } from "@/trpc/react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DISPLAY_NAME_MAX } from "@/features/profile/profile.schema";
import { Alert } from "@/components/alert";

/** Sends the magic link to `email` and comes back to `returnTo`, as the sign-in form does. */
async function sendSignInLink(email: string, returnTo: string): Promise<string | null> {
  const result = await requestSignInLink(email, returnTo);
  return result.ok ? null : result.message;
}

function useSignInAs(email: string, returnTo: string, { switchAccount }: { switchAccount: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setPending(true);
    setError(null);
    try {
      if (switchAccount) await signOut({ redirect: false });
      const problem = await sendSignInLink(email, returnTo);
      if (problem) {
        setError(problem);
        if (switchAccount) router.refresh();
        return;
      }
      router.push(`/signin/check-email?email=${encodeURIComponent(email)}`);
    } catch {
      setError("We could not reach RehearsalHub. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }
  return { run, pending, error };
}

/** Signed out: one button that emails a sign-in link to the invited address and returns to the invite. */
export function SignInAsInvited({ email, returnTo }: { email: string; returnTo: string }) {
  const { run, pending, error } = useSignInAs(email, returnTo, { switchAccount: false });
  return (
    <div className="stack-sm">
      <button type="button" className="btn btn-primary btn-block" onClick={run} disabled={pending}>
        {pending ? <><span className="spinner" aria-hidden="true" /> Sending…</> : <span>Sign in as <span className="invite-email-inline">{email}</span> to join</span>}
      </button>
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}

/** Signed in as someone else: sign out, then email a link for the invited address. */
export function SwitchAccount({ email, returnTo }: { email: string; returnTo: string }) {
  const { run, pending, error } = useSignInAs(email, returnTo, { switchAccount: true });
  return (
    <div className="stack-sm">
      <button type="button" className="btn btn-primary btn-block" onClick={run} disabled={pending}>
        {pending ? <><span className="spinner" aria-hidden="true" /> Switching…</> : <span>Sign out and sign in as <span className="invite-email-inline">{email}</span></span>}
      </button>
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}

const nameTaken = (e: unknown) => (e as { data?: { reason?: string | null } | null } | null)?.data?.reason === "NAME_TAKEN";

/**
 * Shown once joining was refused because someone in the band already goes by
 * the joiner's name: the next attempt joins under the name typed here. The
 * refusal is said beside the field (and the field gets the focus), while it
 * still applies to what is typed.
 */
function NameToJoinWith({ value, onChange, error }: { value: string; onChange: (name: string) => void; error: string | null }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>Name to join with</label>
      <input
        id={id}
        className="input"
        maxLength={DISPLAY_NAME_MAX}
        autoComplete="name"
        autoFocus
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
      />
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      <p id={hintId} className="hint">
        Your bands will see this name instead of your email, in this band and the others you are in.
      </p>
    </div>
  );
}

/**
 * What a join (by invite or link) does with its answer: on success, into the
 * band; refused because the joiner's name is taken there, ask for a name to
 * join with (its message beside that field); anything else, an error below.
 */
function useJoinOutcome() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [newName, setNewName] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  return {
    error,
    setError,
    /** The name typed for the next attempt, once one was asked for. */
    withName: <T extends { token: string }>(input: T): T & { name?: string } => (newName !== null ? { ...input, name: newName } : input),
    nameField: newName !== null ? <NameToJoinWith value={newName} onChange={setNewName} error={nameError} /> : null,
    onSuccess: (result: { bandId: string }) => {
      router.push(`/bands/${result.bandId}?joined=1`);
      router.refresh();
    },
    onError: (e: unknown) => {
      const taken = nameTaken(e);
      if (taken) setNewName((name) => name ?? "");
      setNameError(taken ? userMessage(e) : null);
      setError(taken ? null : userMessage(e));
    },
  };
}

/** Accept and decline are POSTs (tRPC mutations); opening the page never answers an invite. */
export function AnswerInvite({ token, bandName }: { token: string; bandName: string }) {
  const router = useRouter();
  const outcome = useJoinOutcome();
  const { error, setError } = outcome;
  const [confirmDecline, setConfirmDecline] = useState(false);
  const accept = api.invite.accept.useMutation({ onSuccess: outcome.onSuccess, onError: outcome.onError });
  const decline = api.invite.decline.useMutation({
    onSuccess: () => {
      setConfirmDecline(false);
      router.refresh();
    },
    onError: (e) => {
      setConfirmDecline(false);
      setError(userMessage(e));
    },
  });
  const busy = accept.isPending || accept.isSuccess || decline.isPending;

  return (
    <div className="stack-sm">
      {outcome.nameField}
      <div className="invite-answer">
        <button type="button" className="btn btn-primary" onClick={() => accept.mutate(outcome.withName({ token }))} disabled={busy}>
          {accept.isPending || accept.isSuccess ? <><span className="spinner" aria-hidden="true" /> Joining…</> : `Accept and join ${bandName}`}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setConfirmDecline(true)} disabled={busy}>
          Decline
        </button>
      </div>
      {error && <Alert as="p" tone="error">{error}</Alert>}
      <ConfirmDialog
        open={confirmDecline}
        title={`Decline the invite to ${bandName}?`}
        confirmLabel="Decline invite"
        pending={decline.isPending}
        onConfirm={() => decline.mutate({ token })}
        onClose={() => setConfirmDecline(false)}
      >
        <p>The band&apos;s admins will be told, and this link will stop working. If you change your mind later, they can invite you again.</p>
      </ConfirmDialog>
    </div>
  );
}

/** The join-link counterpart: any signed-in person may join. */
export function JoinBand({ token, bandName }: { token: string; bandName: string }) {
  const outcome = useJoinOutcome();
  const join = api.joinLink.join.useMutation({ onSuccess: outcome.onSuccess, onError: outcome.onError });
  return (
    <div className="stack-sm">
      {outcome.nameField}
      <button
        type="button"
        className="btn btn-primary btn-block"
        onClick={() => join.mutate(outcome.withName({ token }))}
        disabled={join.isPending || join.isSuccess}
      >
        {join.isPending || join.isSuccess ? <><span className="spinner" aria-hidden="true" /> Joining…</> : `Join ${bandName}`}
      </button>
      {outcome.error && <Alert as="p" tone="error">{outcome.error}</Alert>}
    </div>
  );
}
