/**
 * Hostile MP4s for the media tests, made from a real one by rewriting its
 * boxes. Only 32-bit box sizes (what ffmpeg writes for small files).
 */

const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "dinf"]);

type Box = { type: string; payload: Buffer };

function boxes(buffer: Buffer): Box[] {
  const out: Box[] = [];
  for (let at = 0; at + 8 <= buffer.length; ) {
    const size = buffer.readUInt32BE(at);
    if (size < 8 || at + size > buffer.length) throw new Error(`unsupported box size ${size} at ${at}`);
    out.push({ type: buffer.toString("latin1", at + 4, at + 8), payload: buffer.subarray(at + 8, at + size) });
    at += size;
  }
  return out;
}

function box(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(payload.length + 8);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, payload]);
}

function rewrite(buffer: Buffer, change: (b: Box) => Buffer | null): Buffer {
  return Buffer.concat(
    boxes(buffer).map((b) => change(b) ?? (CONTAINERS.has(b.type) ? box(b.type, rewrite(b.payload, change)) : box(b.type, b.payload))),
  );
}

/**
 * A Mac alias record (the `alis` data reference QuickTime uses) naming `target`
 * by its absolute path, laid out as ffmpeg's mov demuxer reads it.
 */
function aliasEntry(target: string): Buffer {
  const fileName = target.split("/").pop()!;
  const record = Buffer.alloc(150);
  let at = 10;
  record.writeUInt8(0, at++); // volume name length
  at += 27;
  at += 12;
  record.writeUInt8(Math.min(fileName.length, 63), at++);
  record.write(fileName.slice(0, 63), at, "latin1");
  at += 63;
  at += 16;
  record.writeUInt16BE(0, at); // nlvl_from: 0 -> the absolute path is what names the file
  record.writeUInt16BE(0, at + 2); // nlvl_to
  const path = Buffer.from(target, "latin1");
  const padded = Buffer.concat([path, Buffer.alloc(path.length % 2)]);
  const pathRecord = Buffer.alloc(4);
  pathRecord.writeUInt16BE(2); // type 2: absolute path
  pathRecord.writeUInt16BE(path.length, 2);
  const end = Buffer.from([0xff, 0xff, 0, 0]);
  const body = Buffer.concat([Buffer.alloc(4) /* version, flags: not self-contained */, record, pathRecord, padded, end]);
  return box("alis", body);
}

/**
 * The same MP4 with every track's data reference pointing at `target` (another
 * file on the server) instead of the file itself, and its own media data zeroed:
 * a demuxer that follows the reference decodes `target`'s samples, one that
 * does not finds nothing to play.
 */
export function mp4ReferencingExternalFile(mp4: Buffer, target: string): Buffer {
  const entry = aliasEntry(target);
  const count = Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]); // version, flags, one entry
  return rewrite(mp4, (b) => {
    if (b.type === "dref") return box("dref", Buffer.concat([count, entry]));
    if (b.type === "mdat") return box("mdat", Buffer.alloc(b.payload.length));
    return null;
  });
}
