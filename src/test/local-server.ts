import http from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalServer {
  server: http.Server;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  /** Ends open (kept-alive) connections too, so closing never waits on a client. */
  close(): Promise<void>;
}

/** Serves `listener` over real sockets on a free loopback port. */
export async function serveLocally(listener: http.RequestListener): Promise<LocalServer> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    server,
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
