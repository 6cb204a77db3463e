import { z } from "zod";

/**
 * The one schema for every string a person types (names, titles, notes,
 * comments, email addresses). PostgreSQL refuses NUL in text and UTF-8 has no
 * encoding for a lone surrogate (the driver would silently store U+FFFD), so
 * both are refused here, with a sentence the form can show, instead of
 * failing later as a 500 or a mangled value.
 */

/** C0 controls, DEL and C1 controls. */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, but tab and line feed are text in a multi-line field (CR is folded into LF first). */
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type TextOptions = {
  /** How the field is named in messages, capitalised: "Song title", "A comment". */
  label: string;
  /** Minimum length after trimming (default 1: required). 0 allows an empty string. */
  min?: number;
  max: number;
  /** Keeps tabs and line breaks (comments, notes); CRLF and CR become LF. */
  multiline?: boolean;
  /** Message for a value shorter than `min` (default: "<label> is required."). */
  required?: string;
  /** Message for a value longer than `max` (default: "<label> can be at most N characters."). */
  tooLong?: string;
};

export function hasForbiddenControl(value: string, multiline = false): boolean {
  return (multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(value);
}

export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

/** A trimmed, bounded string with no control characters (except tab/newline when multi-line) and no lone surrogates. */
export function text({ label, min = 1, max, multiline = false, required, tooLong }: TextOptions) {
  let schema = z.string({ error: `${label} must be text.` });
  if (multiline) schema = schema.overwrite((value) => value.replace(/\r\n?/g, "\n"));
  return schema
    .trim()
    .refine((value) => !hasForbiddenControl(value, multiline), {
      error: multiline ? `${label} cannot contain control characters.` : `${label} must be plain text on one line (no control characters).`,
      abort: true,
    })
    .refine((value) => !hasLoneSurrogate(value), { error: `${label} contains a character that is not valid text.`, abort: true })
    .min(min, required ?? (min <= 1 ? `${label} is required.` : `${label} must be at least ${min} characters.`))
    .max(max, tooLong ?? `${label} can be at most ${max} characters.`);
}

/** Like text(), but an empty (or all-blank) value means "none" and becomes null. */
export function optionalText(options: Omit<TextOptions, "min" | "required">) {
  return text({ ...options, min: 0 }).transform((value) => (value === "" ? null : value));
}

const MAX_EMAIL = 254;
/**
 * One plain address, local@domain: no display name, no list, no quotes,
 * comments, whitespace or control characters; a dot in the domain. This is
 * deliberately narrower than RFC 5322: a sign-in link or an invite goes to
 * exactly the one mailbox the account is named by.
 */
const PLAIN_EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

export const EMAIL_EXAMPLE = "you@example.com";

/** An email address as an identity: exactly one plain address, trimmed and lower-cased. */
export function emailAddress({ label = "Email address", example = EMAIL_EXAMPLE, required }: { label?: string; example?: string; required?: string } = {}) {
  return text({ label, max: MAX_EMAIL, required: required ?? `Enter your email address, like ${example}.`, tooLong: "That email address is too long." })
    .refine((value) => PLAIN_EMAIL.test(value) && !value.includes(".."), {
      error: `Enter one plain email address, like ${example}.`,
      abort: true,
    })
    .transform((value) => value.toLowerCase());
}
