import { parse } from "content-disposition";
import { describe, expect, it } from "vitest";
import { attachmentHeader, downloadFileName } from "./download-name";

const take = { songTitle: "Midnight Ferry", title: "Full band, slower", originalName: "rehearsal-take.WAV", storageKey: "bands/b/x.wav" };

describe("downloadFileName", () => {
  it.each([
    [take, "Midnight Ferry - Full band, slower.wav"],
    [{ ...take, title: null }, "Midnight Ferry - rehearsal-take.wav"],
    [{ ...take, title: "  " }, "Midnight Ferry - rehearsal-take.wav"],
    [{ ...take, title: "../../etc/passwd" }, "Midnight Ferry - etc passwd.wav"],
    [{ ...take, title: 'a\\b:c*d?"e<f>g|h' }, "Midnight Ferry - a b c d e f g h.wav"],
    [{ ...take, title: "line\r\nbreak\u0000\u202e" }, "Midnight Ferry - linebreak.wav"],
    [{ ...take, songTitle: "...", title: ".hidden" }, "hidden.wav"],
    [{ ...take, originalName: "no extension" }, "Midnight Ferry - Full band, slower.wav"],
    [{ ...take, originalName: "x.tar.m4a", storageKey: "bands/b/x.m4a" }, "Midnight Ferry - Full band, slower.m4a"],
    [{ songTitle: "", title: null, originalName: "", storageKey: "k" }, "take.audio"],
  ])("%j -> %j", (input, expected) => {
    expect(downloadFileName(input)).toBe(expected);
  });

  it("bounds the length, keeping the extension", () => {
    const name = downloadFileName({ ...take, title: "x".repeat(1000) });
    expect(name.length).toBeLessThanOrEqual(124);
    expect(name.endsWith(".wav")).toBe(true);
  });
});

describe("attachmentHeader", () => {
  it("plain ASCII names need no filename*", () => {
    expect(attachmentHeader("Midnight Ferry - Take 1.wav")).toBe('attachment; filename="Midnight Ferry - Take 1.wav"');
  });

  it("keeps non-ASCII names exactly via filename*, with an ASCII fallback", () => {
    const header = attachmentHeader("Nachtfähre - 夜.flac");
    expect(header).toBe(`attachment; filename="Nachtfahre - _.flac"; filename*=UTF-8''Nachtf%C3%A4hre%20-%20%E5%A4%9C.flac`);
    expect(parse(header).parameters.filename).toBe("Nachtfähre - 夜.flac");
    expect(/^[\x20-\x7e]*$/.test(header)).toBe(true);
  });
});
