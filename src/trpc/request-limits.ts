/**
 * Request limits shared by the tRPC client (which never exceeds them: its batch
 * link splits larger batches) and the server (which refuses anything larger).
 */
export const TRPC_MAX_BATCH_SIZE = 10;
/** The largest input the app sends is a song's lyrics (20,000 characters); 1 MiB leaves ample room. */
export const TRPC_MAX_BODY_BYTES = 1024 * 1024;
