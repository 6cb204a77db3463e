/** Runs once when a server process starts (Next.js instrumentation hook). */
export async function register() {
  // Node's file system is needed; the edge runtime has none.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAbandonedUploadSweeper } = await import("@/features/uploads/resumable-uploads");
  startAbandonedUploadSweeper();
}
