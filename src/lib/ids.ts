import { z } from "zod";

/**
 * Ids (cuid) and link tokens (base64url) come from URLs and clients. They only
 * ever use this alphabet, so anything else (a NUL, a slash, a percent sign) is
 * refused as bad input before it reaches a query.
 */
const ID_ALPHABET = /^[A-Za-z0-9_-]+$/;
const ID_MAX = 64;
const TOKEN_MAX = 128;

/** An id input, e.g. `idSchema("band")`: "A band id is required", "That is not a valid band id." */
export function idSchema(what: string, required = `A ${what} id is required.`) {
  return z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(ID_MAX, `That is not a valid ${what} id.`)
    .regex(ID_ALPHABET, `That is not a valid ${what} id.`);
}

export const bandIdSchema = idSchema("band");

/** The secret part of an invite or join link. */
export const tokenSchema = z
  .string({ error: "The link is incomplete." })
  .trim()
  .min(1, "The link is incomplete.")
  .max(TOKEN_MAX, "This link is not valid. Check that you copied all of it.")
  .regex(ID_ALPHABET, "This link is not valid. Check that you copied all of it.");

/** For pages and route handlers: may this URL segment be an id at all? */
export function isId(value: unknown): value is string {
  return typeof value === "string" && value.length <= ID_MAX && ID_ALPHABET.test(value);
}

export function isToken(value: unknown): value is string {
  return typeof value === "string" && value.length <= TOKEN_MAX && ID_ALPHABET.test(value);
}
