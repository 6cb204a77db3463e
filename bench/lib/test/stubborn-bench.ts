/**
 * A benchmark in miniature, for bench/lib/processes.int.test.ts: it starts a
 * server that ignores SIGTERM and starts a child of its own, keeps an idle
 * keep-alive connection to it open, prints its figures, then ends as told by
 * its argument: `end` (returns), `fail` (throws) or `wait` (until a signal).
 */
import http from "node:http";
import { onStop, runBench, spawnGroup } from "../processes";

const SERVER = `
const http = require("node:http");
const { spawn } = require("node:child_process");
process.on("SIGTERM", () => {});
const grandchild = spawn(process.execPath, ["-e", "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: "ignore" });
const server = http.createServer((req, res) => res.end("ok"));
server.keepAliveTimeout = 600000;
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port, grandchild: grandchild.pid })));
`;

const mode = process.argv[2];

runBench(async () => {
  const server = spawnGroup("stubborn server", process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const { port } = await new Promise<{ port: number }>((resolve) => server.stdout!.once("data", (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as { port: number })));
  const agent = new http.Agent({ keepAlive: true });
  onStop("keep-alive agent", () => agent.destroy());
  const body = await new Promise<string>((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, agent }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve(text));
    }).on("error", reject);
  });
  console.log(`figures: ${body}`);
  if (mode === "fail") throw new Error("failed half-way");
  if (mode === "wait") await new Promise(() => {});
});
