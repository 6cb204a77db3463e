type ErrorLike = { message?: string; data?: { code?: string; reason?: string | null; zodError?: { fieldErrors?: Record<string, string[] | undefined>; formErrors?: string[] } | null } | null };

const byReason: Record<string, string> = {
  NOT_A_MEMBER: "You are not a member of this band.",
  INSUFFICIENT_ROLE: "Your role in this band does not allow that.",
  INVITE_NOT_FOUND: "This invite does not exist or was revoked.",
  INVITE_USED: "This invite has already been used.",
  INVITE_EXPIRED: "This invite has expired. Ask the band for a new one.",
  ALREADY_MEMBER: "You are already a member of this band.",
  EMAIL_MISMATCH: "This invite was sent to a different email address.",
  LAST_OWNER: "A band needs at least one owner. Make someone else an owner first.",
};

const byCode: Record<string, string> = {
  UNAUTHORIZED: "Your session has ended. Please sign in again.",
  NOT_FOUND: "That could not be found. It may have been deleted.",
  TOO_MANY_REQUESTS: "That was a lot of requests. Please wait a minute and try again.",
  INTERNAL_SERVER_ERROR: "Something went wrong on our side. Please try again.",
};

/** A sentence a band member can read, from any tRPC client error. Never a raw code. */
export function userMessage(error: unknown): string {
  const e = error as ErrorLike | null;
  const data = e?.data;
  const fieldMessage = data?.zodError
    ? Object.values(data.zodError.fieldErrors ?? {}).flat()[0] ?? data.zodError.formErrors?.[0]
    : undefined;
  if (fieldMessage) return fieldMessage;
  if (data?.reason && byReason[data.reason] && !e?.message) return byReason[data.reason]!;
  if (data?.code && data.code !== "INTERNAL_SERVER_ERROR" && e?.message) return e.message;
  if (data?.code && byCode[data.code]) return byCode[data.code]!;
  if (e?.message === "Failed to fetch") return "We could not reach RehearsalHub. Check your connection and try again.";
  return "Something went wrong. Please try again.";
}
