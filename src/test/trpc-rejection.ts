import { TRPCError } from "@trpc/server";

export type Rejection = { code: string; reason: string | null; status: number | null; message: string };

/**
 * The tRPC error a call failed with: its code, the domain reason and HTTP status from
 * the AppError behind it (null when there is none), and its message. Throws if the
 * call succeeded, and rethrows anything that is not a TRPCError.
 */
export async function rejection(promise: Promise<unknown>): Promise<Rejection> {
  const outcome = await promise.then(
    (value: unknown) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`Expected the call to fail, but it returned ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof TRPCError)) throw outcome.error;
  const e = outcome.error;
  const cause = e.cause as { reason?: string; status?: number } | undefined;
  return { code: e.code, reason: cause?.reason ?? null, status: cause?.status ?? null, message: e.message };
}
