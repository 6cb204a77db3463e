/** Only same-site paths may be a post-sign-in destination (no open redirects). */
export function safeCallbackUrl(value: string | undefined | null, fallback = "/"): string {
  if (!value) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
