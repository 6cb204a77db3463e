"use client";

import type { FieldValues, UseFormSetError } from "react-hook-form";
import { userMessage } from "@/lib/user-message";

type MaybeError = { message?: string } | undefined;

/** Ties an input to its error message (or, without one, to its hint) for screen readers. */
export function fieldAria(error: MaybeError, errorId: string, hintId?: string) {
  return { "aria-invalid": error ? true : undefined, "aria-describedby": error ? errorId : hintId } as const;
}

/** The message shown next to a field; announced when it appears. */
export function FieldError({ id, error, className = "field-error" }: { id: string; error: MaybeError; className?: string }) {
  if (!error?.message) return null;
  return (
    <p id={id} className={className} role="alert">
      {error.message}
    </p>
  );
}

type ErrorTarget<T extends FieldValues> = Parameters<UseFormSetError<T>>[0];

/**
 * A tRPC error as a readable sentence: on the field the server's zod issue names when the
 * form has it, else on `target` (a field, or "root.server" for errors about the whole form).
 */
export function showServerError<T extends FieldValues>(setError: UseFormSetError<T>, target: ErrorTarget<T>, fields: readonly ErrorTarget<T>[] = []) {
  return (error: unknown) => {
    const fieldErrors = (error as { data?: { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null } } | null)?.data?.zodError?.fieldErrors ?? {};
    const named = fields.find((f) => fieldErrors[f as string]?.length);
    if (named) setError(named, { type: "server", message: fieldErrors[named as string]![0] });
    else setError(target, { type: "server", message: userMessage(error) });
  };
}
