import { TRPCError } from "@trpc/server";

/** The tRPC error a call failed with (code, domain reason, message); throws if it succeeded. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code: string; reason: string | null; message: string }> {
  const outcome = await promise.then(
    (value: unknown) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`Expected the call to fail, but it returned ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof TRPCError)) throw outcome.error;
  const e = outcome.error;
  return { code: e.code, reason: (e.cause as { reason?: string } | undefined)?.reason ?? null, message: e.message };
}
