/** Runs once when a server process starts (Next.js instrumentation hook). */
export async function register() {
  // Node's file system and process signals are needed; the edge runtime has neither.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { watchForShutdown } = await import("@/server/lifecycle/draining");
  watchForShutdown();
  const { startAbandonedUploadSweeper } = await import("@/features/takes/resumable-uploads");
  startAbandonedUploadSweeper();
}
