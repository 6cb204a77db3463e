/**
 * The benchmark's reference: plain Node `http` + `fs` serving one file with
 * single byte ranges and Content-Length, nothing else (no framework, no
 * check). Usage: plain-node-server.ts <file> <port>; prints "ready".
 */
import fs from "node:fs";
import http from "node:http";
import { pipeline } from "node:stream/promises";
import rangeParser from "range-parser";

const [file, port] = process.argv.slice(2);
if (!file || !port) throw new Error("usage: plain-node-server.ts <file> <port>");
const size = fs.statSync(file).size;

http
  .createServer((req, res) => {
    const ranges = req.headers.range ? rangeParser(size, req.headers.range) : -2;
    let [status, start, end] = [200, 0, size - 1];
    if (Array.isArray(ranges) && ranges.length === 1) [status, start, end] = [206, ranges[0]!.start, ranges[0]!.end];
    res.writeHead(status, {
      "Content-Type": "audio/wav",
      "Content-Length": end - start + 1,
      "Accept-Ranges": "bytes",
      ...(status === 206 ? { "Content-Range": `bytes ${start}-${end}/${size}` } : {}),
    });
    pipeline(fs.createReadStream(file, { start, end, highWaterMark: 64 * 1024 }), res).catch(() => res.destroy());
  })
  .listen(Number(port), "127.0.0.1", () => console.log("ready"));
