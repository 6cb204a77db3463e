import net from "node:net";

/**
 * A loopback TCP proxy in front of a database, for outage tests: `cut()`
 * drops every open connection and refuses new ones (what a crashed server or
 * a lost network looks like to the app), `stall()` accepts connections but
 * never answers (a black-holed network), `restore()` serves again on the same
 * port. The app under test is pointed at `urlFor(realUrl)`.
 */
export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  cut(): Promise<void>;
  stall(): Promise<void>;
  restore(): Promise<void>;
  /** Connections accepted so far (to see that the app reconnected). */
  readonly accepted: number;
  close(): Promise<void>;
}

type Mode = "forward" | "stall" | "refuse";

export async function startTcpProxy(target: { host: string; port: number }, options: { port?: number } = {}): Promise<TcpProxy> {
  const host = "127.0.0.1";
  const sockets = new Set<net.Socket>();
  let mode: Mode = "forward";
  let accepted = 0;

  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    // A reset from either side is the expected end of a cut connection.
    socket.on("error", () => socket.destroy());
  };

  const server = net.createServer((client) => {
    accepted++;
    track(client);
    if (mode !== "forward") return; // stalled: held open, never answered
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };

  await listen(options.port ?? 0);
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    urlFor(url) {
      const u = new URL(url);
      u.hostname = host;
      u.port = String(port);
      return u.toString();
    },
    async cut() {
      mode = "refuse";
      // Closing the listener makes new connections fail with ECONNREFUSED, as with a stopped server.
      const closed = stopListening();
      dropAll();
      await closed;
    },
    async stall() {
      mode = "stall";
      dropAll();
      if (!server.listening) await listen(port);
    },
    async restore() {
      mode = "forward";
      dropAll();
      if (!server.listening) await listen(port);
    },
    get accepted() {
      return accepted;
    },
    async close() {
      mode = "refuse";
      const closed = stopListening();
      dropAll();
      await closed;
    },
  };
}
