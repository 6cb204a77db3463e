import { createHash, randomBytes } from "node:crypto";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer, text } from "node:stream/consumers";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type TestS3Server } from "@/test/s3-server";
import type { StorageDriver } from "./driver";
import { LocalDiskStorage } from "./local-disk";
import { S3Storage } from "./s3";

/**
 * One contract, every driver: the same cases run against files on local disk
 * and against a real S3-protocol server (s3rver) started here.
 */
type Subject = {
  storage: StorageDriver;
  /** Every object or file the backend holds, temp files and parts included where it can see them. */
  everything(): Promise<string[]>;
  close(): Promise<void>;
};

const PART = 5 * 1024 * 1024;

const drivers: [string, () => Promise<Subject>][] = [
  [
    "local disk",
    async () => {
      const root = await fsp.mkdtemp(path.join(os.tmpdir(), "rh-contract-"));
      return {
        storage: new LocalDiskStorage(root),
        async everything() {
          const entries = await fsp.readdir(root, { recursive: true, withFileTypes: true });
          return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort();
        },
        close: () => fsp.rm(root, { recursive: true, force: true }),
      };
    },
  ],
  [
    "S3 (s3rver)",
    async () => {
      const server: TestS3Server = await startS3Server();
      // The smallest part S3 allows, so a test file of a few MiB is a real multipart upload.
      const storage = new S3Storage(server.config, { partSize: PART, queueSize: 2 });
      return {
        storage,
        async everything() {
          const listed = await storage.client.send(new ListObjectsV2Command({ Bucket: server.bucket }));
          return (listed.Contents ?? []).map((o) => o.Key!).sort();
        },
        async close() {
          storage.client.destroy();
          await server.close();
        },
      };
    },
  ],
];

async function* failingAfter(bytes: number, message: string) {
  yield Buffer.alloc(bytes, 1);
  throw new Error(message);
}

describe.each(drivers)("storage contract: %s", (name, make) => {
  let s: Subject;
  beforeAll(async () => {
    s = await make();
  });
  afterAll(async () => {
    await s?.close();
  });

  it("puts, stats, reads ranges and deletes", async () => {
    const stored = await s.storage.put("bands/b1/take.wav", Readable.from([Buffer.from("0123456789")]));
    expect(stored.size).toBe(10);
    expect(stored.modifiedAt).toBeInstanceOf(Date);
    const stat = await s.storage.stat("bands/b1/take.wav");
    expect(stat?.size).toBe(10);
    expect(stat?.modifiedAt.getTime()).toBe(stored.modifiedAt.getTime());
    expect(await text(s.storage.openRange("bands/b1/take.wav", 2, 5))).toBe("2345");
    expect(await text(s.storage.openRange("bands/b1/take.wav", 0, 0))).toBe("0");
    expect(await text(s.storage.openRange("bands/b1/take.wav", 9, 9))).toBe("9");
    expect(await s.everything()).toEqual(["bands/b1/take.wav"]);
    await s.storage.delete("bands/b1/take.wav");
    expect(await s.storage.stat("bands/b1/take.wav")).toBeNull();
    expect(await s.everything()).toEqual([]);
  });

  it("stat of a missing object is null; deleting one is not an error", async () => {
    expect(await s.storage.stat("bands/b1/never.wav")).toBeNull();
    await expect(s.storage.delete("bands/b1/never.wav")).resolves.toBeUndefined();
  });

  it("a file larger than several parts round-trips exactly, and ranges across part boundaries are exact", async () => {
    const bytes = randomBytes(PART * 2 + 123_457);
    const stored = await s.storage.put("bands/b2/long.flac", Readable.from(chunks(bytes, 256 * 1024)));
    expect(stored.size).toBe(bytes.length);
    const whole = await buffer(s.storage.openRange("bands/b2/long.flac", 0, bytes.length - 1));
    expect(sha(whole)).toBe(sha(bytes));
    for (const [start, end] of [[PART - 10, PART + 10], [2 * PART - 1, 2 * PART], [bytes.length - 5, bytes.length - 1]] as const) {
      expect(await buffer(s.storage.openRange("bands/b2/long.flac", start, end))).toEqual(bytes.subarray(start, end + 1));
    }
    await s.storage.delete("bands/b2/long.flac");
  });

  it.each([
    ["in the first part", 100_000],
    ["after several parts were sent", PART * 2 + 1],
  ])("a body that fails %s leaves nothing behind and rejects with the body's own error", async (_when, bytes) => {
    await expect(s.storage.put("bands/b3/partial.wav", Readable.from(failingAfter(bytes, "client went away")))).rejects.toThrow("client went away");
    expect(await s.storage.stat("bands/b3/partial.wav")).toBeNull();
    expect(await s.everything()).toEqual([]);
  });

  it("the object is invisible under its key until the write completes", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      yield Buffer.from("first half ");
      await gate;
      yield Buffer.from("second half");
    }
    const writing = s.storage.put("bands/b4/slow.wav", Readable.from(slow()));
    await new Promise((r) => setTimeout(r, 100));
    expect(await s.storage.stat("bands/b4/slow.wav")).toBeNull();
    release();
    await writing;
    expect(await text(s.storage.openRange("bands/b4/slow.wav", 0, 21))).toBe("first half second half");
    await s.storage.delete("bands/b4/slow.wav");
  });

  it("a range stream destroyed early ends quietly, and the object stays readable", async () => {
    const bytes = randomBytes(PART + 1);
    await s.storage.put("bands/b5/big.wav", Readable.from([bytes]));
    const stream = s.storage.openRange("bands/b5/big.wav", 0, bytes.length - 1);
    const first = await new Promise<Buffer>((resolve, reject) => {
      stream.once("data", resolve);
      stream.once("error", reject);
    });
    expect(first.length).toBeGreaterThan(0);
    const closed = new Promise((resolve) => stream.once("close", resolve));
    stream.destroy();
    await closed;
    expect(await buffer(s.storage.openRange("bands/b5/big.wav", 10, 19))).toEqual(bytes.subarray(10, 20));
    await s.storage.delete("bands/b5/big.wav");
  });

  it("reading a missing object fails the stream (no hang, no crash)", async () => {
    await expect(buffer(s.storage.openRange("bands/b6/gone.wav", 0, 9))).rejects.toThrow();
  });

  it("refuses keys that could escape or hide, before touching the backend", async () => {
    for (const key of ["../x.wav", "bands/../x.wav", ".tmp/x.part", "/abs.wav"]) {
      await expect(s.storage.put(key, Readable.from([Buffer.from("x")]))).rejects.toThrow(/Invalid storage key/);
      await expect(s.storage.stat(key)).rejects.toThrow(/Invalid storage key/);
      expect(() => s.storage.openRange(key, 0, 0)).toThrow(/Invalid storage key/);
    }
    expect(() => s.storage.openRange("bands/x.wav", 5, 4)).toThrow(RangeError);
  });

  it("answers a readiness ping", async () => {
    await expect(s.storage.ping!()).resolves.toBeUndefined();
  });

  it(name.startsWith("S3") ? "hands out presigned URLs that serve ranges with Content-Length" : "has no presigned URLs", async () => {
    if (!name.startsWith("S3")) {
      expect(s.storage.presignedGet).toBeUndefined();
      return;
    }
    await s.storage.put("bands/b7/take.wav", Readable.from([Buffer.from("0123456789")]));
    const url = await s.storage.presignedGet!("bands/b7/take.wav", { expiresInSeconds: 60, contentType: "audio/wav" });
    const answer = await fetch(url, { headers: { range: "bytes=2-5" } });
    expect(answer.status).toBe(206);
    expect(answer.headers.get("content-length")).toBe("4");
    expect(answer.headers.get("content-type")).toBe("audio/wav");
    expect(await answer.text()).toBe("2345");
    await s.storage.delete("bands/b7/take.wav");
  });
});

describe("S3 readiness", () => {
  it("a ping against a server that is gone rejects", async () => {
    const server = await startS3Server();
    const storage = new S3Storage(server.config, { client: { maxAttempts: 1 } });
    await storage.ping();
    await server.close();
    await expect(storage.ping()).rejects.toThrow();
    storage.client.destroy();
  });
});

function* chunks(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function sha(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
