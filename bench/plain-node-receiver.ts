/**
 * The upload benchmark's reference: plain Node `http` writing a request's
 * body to a file on disk, nothing else (no framework, no multipart parsing,
 * no check, no database). Usage: plain-node-receiver.ts <dir> <port>; prints
 * "ready"; answers 201 with the number of bytes written.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";

const [dir, port] = process.argv.slice(2);
if (!dir || !port) throw new Error("usage: plain-node-receiver.ts <dir> <port>");
fs.mkdirSync(dir, { recursive: true });
let n = 0;

http
  .createServer((req, res) => {
    const file = path.join(dir, `upload-${n++}`);
    pipeline(req, fs.createWriteStream(file)).then(
      () => {
        const size = fs.statSync(file).size;
        fs.rmSync(file, { force: true });
        res.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify({ sizeBytes: size }));
      },
      () => res.destroy(),
    );
  })
  .listen(Number(port), "127.0.0.1", () => console.log("ready"));
