/**
 * Race tests prove a lock only where transactions really run side by side: on
 * a PostgreSQL server (TEST_DATABASE_URL). PGlite is a single backend, and
 * pglite-socket gives it to one connection for the whole of that connection's
 * open transaction, so two transactions can never interleave there: the same
 * tests are a serial smoke test that passes with or without the lock. Test
 * names carry this label so a run's output says which kind ran; CI counts the
 * "(race: PostgreSQL)" ones and fails when there are none.
 */
export const racesRunInParallel = Boolean(process.env.TEST_DATABASE_URL);

export const RACE_LABEL_POSTGRES = "(race: PostgreSQL)";

export const raceLabel = racesRunInParallel ? RACE_LABEL_POSTGRES : "(serial smoke on PGlite: cannot detect a missing lock)";
