import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/env";

/**
 * Proof that a browser gave a link's password: an HttpOnly cookie, set by
 * share.open when the password is right, holding an expiry and an HMAC
 * (AUTH_SECRET) over the link's id, its stored password hash and that expiry.
 * Changing or removing the password, revoking the link or the expiry passing
 * turns it off; nothing about it is kept on the server. It is scoped to /api
 * (the tRPC calls and the link's audio routes) and named for the link, so
 * links opened in one browser do not displace each other.
 */
export const UNLOCK_TTL_SECONDS = 12 * 60 * 60;

export function unlockCookieName(shareId: string): string {
  return `rh_share_${shareId}`;
}

function mac(shareId: string, passwordHash: string, expires: number): string {
  return createHmac("sha256", env().authSecret).update(`share-unlock\n${shareId}\n${passwordHash}\n${expires}`).digest("base64url");
}

export function unlockCookieValue(link: { id: string; passwordHash: string }, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + UNLOCK_TTL_SECONDS;
  return `${expires}.${mac(link.id, link.passwordHash, expires)}`;
}

/** The Set-Cookie header for a link whose password was just given. */
export function unlockSetCookie(link: { id: string; passwordHash: string }, now = Date.now()): string {
  const secure = env().appUrl.startsWith("https://") ? "; Secure" : "";
  return `${unlockCookieName(link.id)}=${unlockCookieValue(link, now)}; Path=/api; Max-Age=${UNLOCK_TTL_SECONDS}; HttpOnly; SameSite=Strict${secure}`;
}

/** Whether a Cookie header carries a valid, unexpired unlock for this link and its current password. */
export function isUnlocked(cookieHeader: string | null | undefined, link: { id: string; passwordHash: string }, now = Date.now()): boolean {
  const value = readCookie(cookieHeader, unlockCookieName(link.id));
  if (!value) return false;
  const [expiresText, given] = value.split(".");
  const expires = Number(expiresText);
  if (!given || !Number.isSafeInteger(expires) || expires * 1000 <= now) return false;
  const expected = Buffer.from(mac(link.id, link.passwordHash, expires));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
