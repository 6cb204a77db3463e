/**
 * Loaded (`node --import`) into the Next.js server process by scripts/serve.ts
 * when TRUST_PROXY is not set. Node publishes `http.server.request.start` for
 * every request before the server's request listener runs, so Next.js, and every
 * per-client limit behind it, only ever sees the socket's address.
 */
import diagnosticsChannel from "node:diagnostics_channel";
import { pinSocketAddress } from "./socket-address.mjs";

diagnosticsChannel.subscribe("http.server.request.start", (message) => {
  const { request, socket } = /** @type {{ request: import("node:http").IncomingMessage; socket: import("node:net").Socket }} */ (message);
  pinSocketAddress(request, socket?.remoteAddress ?? request.socket?.remoteAddress);
});
