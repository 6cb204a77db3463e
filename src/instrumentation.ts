/** Runs once when the server starts (Next's instrumentation hook). */
export async function register() {
  // Next compiles this file for every runtime; process signals exist only on Node.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { watchForShutdown } = await import("@/server/lifecycle/draining");
  watchForShutdown();
}
