import { z } from "zod";

/**
 * Dates from clients. A JavaScript Date reaches years far outside what
 * PostgreSQL's timestamp column stores (4713 BC to 294276 AD), and a year like
 * -1 or 20000 is a slip of the keyboard or a probe, never a gig: every date
 * input is held to the years 1900 to 9999 here, so it is a 400 with a readable
 * message, never a database error.
 */
export const DATE_INPUT_MIN = new Date("1900-01-01T00:00:00.000Z");
export const DATE_INPUT_MAX = new Date("9999-12-31T23:59:59.999Z");

/** A date input (a Date, or a string or timestamp a Date can be made of), e.g. `dateSchema("The gig's date", "Give a date and time for the gig.")`. */
export function dateSchema(label: string, invalid: string) {
  const outOfRange = `${label} must be between the years 1900 and 9999.`;
  return z.coerce.date({ error: invalid }).min(DATE_INPUT_MIN, outOfRange).max(DATE_INPUT_MAX, outOfRange);
}
