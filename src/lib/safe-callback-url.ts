/** Only same-site paths may be a post-sign-in destination (no open redirects). */
export function safeCallbackUrl(value: string | undefined | null, fallback = "/"): string {
  if (!value) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

/**
 * next-auth's redirect callback: `value` resolved against the app's origin, kept
 * only if it lands on exactly that origin (scheme, host and port), else the
 * home page. Never throws: next-auth runs this on every /api/auth request that
 * carries a callbackUrl (query, body or cookie), and an unparsable one, such as
 * a look-alike host with a bogus port, used to surface as a 500.
 */
export function sameOriginRedirect(value: string | undefined | null, baseUrl: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return "/";
  }
  const home = `${base.origin}/`;
  if (!value) return home;
  try {
    const resolved = new URL(value, base);
    return resolved.origin === base.origin ? resolved.href : home;
  } catch {
    return home;
  }
}
