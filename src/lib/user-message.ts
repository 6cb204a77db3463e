type ErrorLike = { message?: string; data?: { code?: string; reason?: string | null; zodError?: { fieldErrors?: Record<string, string[] | undefined>; formErrors?: string[] } | null } | null };

const byCode: Record<string, string> = {
  UNAUTHORIZED: "Your session has ended. Please sign in again.",
  NOT_FOUND: "That could not be found. It may have been deleted.",
  TOO_MANY_REQUESTS: "That was a lot of requests. Please wait a minute and try again.",
  INTERNAL_SERVER_ERROR: "Something went wrong on our side. Please try again.",
};

/**
 * A sentence a band member can read, from any tRPC client error. Never a raw code.
 * Every AppError carries its own sentence (the reason is for programs), so the server's
 * message is shown for any error but an internal one.
 */
export function userMessage(error: unknown): string {
  const e = error as ErrorLike | null;
  const data = e?.data;
  const fieldMessage = data?.zodError
    ? Object.values(data.zodError.fieldErrors ?? {}).flat()[0] ?? data.zodError.formErrors?.[0]
    : undefined;
  if (fieldMessage) return fieldMessage;
  if (data?.code && data.code !== "INTERNAL_SERVER_ERROR" && e?.message) return e.message;
  if (data?.code && byCode[data.code]) return byCode[data.code]!;
  if (e?.message === "Failed to fetch") return "We could not reach RehearsalHub. Check your connection and try again.";
  return "Something went wrong. Please try again.";
}
