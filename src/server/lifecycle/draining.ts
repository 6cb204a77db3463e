import diagnosticsChannel from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";
import { log } from "@/server/log";

/**
 * Whether this process is shutting down. Kept on globalThis: Next bundles
 * instrumentation and each route separately, and they must all see one flag.
 */
const KEY = Symbol.for("rehearsalhub.draining");
type Holder = { [KEY]?: { since: Date } };

export function isDraining(): boolean {
  return (globalThis as Holder)[KEY] !== undefined;
}

export function startDraining(): void {
  (globalThis as Holder)[KEY] ??= { since: new Date() };
}

/** For tests. */
export function stopDrainingForTests(): void {
  delete (globalThis as Holder)[KEY];
}

/**
 * On SIGTERM, readiness turns 503 at once, so a load balancer that still sends
 * a request on an open connection learns to stop. Next's own SIGTERM handler
 * runs alongside: it stops accepting connections and lets in-flight requests
 * finish; `npm start` (scripts/serve.ts) bounds that with SHUTDOWN_GRACE_SECONDS.
 */
export function watchForShutdown(): void {
  const holder = globalThis as { [KEY: symbol]: unknown };
  const WATCHING = Symbol.for("rehearsalhub.watchingForShutdown");
  if (holder[WATCHING]) return;
  holder[WATCHING] = true;
  process.once("SIGTERM", () => {
    startDraining();
    log().info("SIGTERM: draining (readiness answers 503; in-flight requests may finish)");
  });
  // Closing the server stops new connections and closes idle ones, but a client
  // (nginx's upstream keep-alive pool) that keeps a connection busy could go on
  // sending requests on it until the grace period cuts them. While draining,
  // every answer says `Connection: close`, so each such connection ends after
  // the request it carries and the client opens its next one elsewhere.
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    if (!isDraining()) return;
    closeAfterThisResponse((message as { response?: ServerResponse }).response);
  });
}

export function closeAfterThisResponse(response: ServerResponse | undefined): void {
  if (response && !response.headersSent) response.setHeader("Connection", "close");
}
