import { createHash, randomBytes } from "node:crypto";
import { env } from "@/env";

/**
 * Invite and join-link tokens: 32 random bytes (256 bits), base64url. Only the
 * SHA-256 of a token is stored, so a database leak yields no usable link; the
 * token itself exists once, in the create/resend response and the email.
 */
export const TOKEN_BYTES = 32;

export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A fresh token with its hash, the only form that goes to the database. */
export function newToken(): { token: string; tokenHash: string } {
  const token = generateToken();
  return { token, tokenHash: hashToken(token) };
}

/** Links always use APP_URL, never the request's Host header. */
export function inviteUrl(token: string): string {
  return `${env().appUrl}/invite/${token}`;
}

export function joinLinkUrl(token: string): string {
  return `${env().appUrl}/join/${token}`;
}
