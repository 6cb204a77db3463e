import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isValidKey } from "./keys";
import { LocalDiskStorage } from "./local-disk";

let root: string;
let storage: LocalDiskStorage;
beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), "rh-storage-"));
  storage = new LocalDiskStorage(root);
});
afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

/** Every regular file under the root, including temp files. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

describe("storage keys", () => {
  it.each([
    ["bands/abc/xyz.wav", true],
    ["bands/c1/0f8e-uuid_1.m4a", true],
    ["plain", true],
    ["../etc/passwd", false],
    ["bands/../../x.wav", false],
    ["/abs/path.wav", false],
    ["bands//x.wav", false],
    [".tmp/x.part", false],
    ["bands/.hidden", false],
    ["bands\\x.wav", false],
    ["bands/x.WAV", false],
    ["bands/x.wav/", false],
    ["", false],
    ["a b.wav", false],
    ["bands/x.wav\u0000", false],
  ])("%j valid: %s", (key, valid) => {
    expect(isValidKey(key)).toBe(valid);
  });
});

describe("LocalDiskStorage", () => {
  it("puts, stats, reads a range and deletes", async () => {
    const stored = await storage.put("bands/b1/take.wav", Readable.from([Buffer.from("0123456789")]));
    expect(stored.size).toBe(10);
    expect(await storage.stat("bands/b1/take.wav")).toEqual({ size: 10, modifiedAt: stored.modifiedAt });
    expect(await text(storage.openRange("bands/b1/take.wav", 2, 5))).toBe("2345");
    expect(await filesUnder(root)).toEqual(["bands/b1/take.wav"]);
    await storage.delete("bands/b1/take.wav");
    expect(await storage.stat("bands/b1/take.wav")).toBeNull();
  });

  it("deleting a missing object is not an error", async () => {
    await expect(storage.delete("bands/b1/never.wav")).resolves.toBeUndefined();
    await storage.put("bands/b1/x.wav", Readable.from([Buffer.from("x")]));
    await storage.delete("bands/b1/x.wav");
    await expect(storage.delete("bands/b1/x.wav")).resolves.toBeUndefined();
  });

  it("a body that fails mid-way leaves no object and no temp file", async () => {
    async function* failing() {
      yield Buffer.alloc(100_000, 1);
      throw new Error("client went away");
    }
    await expect(storage.put("bands/b1/partial.wav", Readable.from(failing()))).rejects.toThrow("client went away");
    expect(await storage.stat("bands/b1/partial.wav")).toBeNull();
    expect(await filesUnder(root)).toEqual([]);
  });

  it("the object is invisible under its key until the write completes", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      yield Buffer.from("first half ");
      await gate;
      yield Buffer.from("second half");
    }
    const putting = storage.put("bands/b1/slow.wav", Readable.from(slow()));
    await new Promise((r) => setTimeout(r, 50));
    expect(await storage.stat("bands/b1/slow.wav")).toBeNull();
    release();
    await putting;
    expect(await text(storage.openRange("bands/b1/slow.wav", 0, 21))).toBe("first half second half");
  });

  it("never replaces an existing object", async () => {
    await storage.put("bands/b1/x.wav", Readable.from([Buffer.from("original")]));
    await expect(storage.put("bands/b1/x.wav", Readable.from([Buffer.from("other")]))).rejects.toMatchObject({ code: "EEXIST" });
    expect(await text(storage.openRange("bands/b1/x.wav", 0, 7))).toBe("original");
    expect(await filesUnder(root)).toEqual(["bands/b1/x.wav"]);
  });

  it("refuses keys that could escape the root, for every operation", async () => {
    const outside = path.join(path.dirname(root), "escaped.wav");
    await expect(storage.put("../escaped.wav", Readable.from([Buffer.from("x")]))).rejects.toThrow(/Invalid storage key/);
    await expect(storage.stat("../escaped.wav")).rejects.toThrow(/Invalid storage key/);
    await expect(storage.delete("../../etc/passwd")).rejects.toThrow(/Invalid storage key/);
    expect(() => storage.openRange("/etc/passwd", 0, 1)).toThrow(/Invalid storage key/);
    expect(fs.existsSync(outside)).toBe(false);
  });

  it("refuses nonsensical ranges", () => {
    expect(() => storage.openRange("bands/b1/x.wav", 5, 4)).toThrow(RangeError);
    expect(() => storage.openRange("bands/b1/x.wav", -1, 4)).toThrow(RangeError);
  });
});
