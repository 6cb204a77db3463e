// Limits the player needs before the page hydrates, without zod (version.schema.ts builds the schemas from them).

/** Where a take's music starts relative to the song's other takes: within an hour either way. */
export const OFFSET_SECONDS_MAX = 3600;
