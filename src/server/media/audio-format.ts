import { fileTypeFromBuffer } from "file-type";
import type { IAudioMetadata } from "music-metadata";
import { ACCEPTED_FORMATS_LABEL } from "@/lib/upload-formats";

export { ACCEPTED_FORMATS_LABEL };

/** How many leading bytes are sniffed; every accepted container is recognised well within this. */
export const SNIFF_BYTES = 16 * 1024;

export type AudioFormat = {
  /** The stored file's extension (part of the storage key). */
  ext: string;
  /** The Content-Type the take is stored and served with when the file holds sound only. */
  contentType: string;
  /**
   * For containers that can also carry video (MP4/MOV/3GP, WebM/Matroska): the
   * Content-Type stored when the metadata shows a video track. Such a file must
   * hold sound; from a video only the sound is kept. null for audio-only formats.
   */
  videoContentType: string | null;
};

const audioOnly = (ext: string, contentType: string): AudioFormat => ({ ext, contentType, videoContentType: null });

// file-type's answers (by extension) that a band would upload: audio, or a video whose sound is kept.
const ACCEPTED: Record<string, AudioFormat> = {
  mp3: audioOnly("mp3", "audio/mpeg"),
  wav: audioOnly("wav", "audio/wav"),
  aif: audioOnly("aiff", "audio/aiff"),
  flac: audioOnly("flac", "audio/flac"),
  ogg: audioOnly("ogg", "audio/ogg"),
  oga: audioOnly("oga", "audio/ogg"),
  opus: audioOnly("opus", "audio/ogg; codecs=opus"),
  aac: audioOnly("aac", "audio/aac"),
  m4a: { ext: "m4a", contentType: "audio/mp4", videoContentType: "video/mp4" },
  mp4: { ext: "mp4", contentType: "audio/mp4", videoContentType: "video/mp4" },
  m4v: { ext: "m4v", contentType: "audio/mp4", videoContentType: "video/mp4" },
  mov: { ext: "mov", contentType: "audio/mp4", videoContentType: "video/quicktime" },
  "3gp": { ext: "3gp", contentType: "audio/3gpp", videoContentType: "video/3gpp" },
  webm: { ext: "webm", contentType: "audio/webm", videoContentType: "video/webm" },
  mkv: { ext: "mkv", contentType: "audio/x-matroska", videoContentType: "video/x-matroska" },
};

/**
 * The ISO base media (MP4/MOV/3GP) major brands accepted: what phones, cameras,
 * editors and DASH write. file-type calls any other brand "mp4"; an unknown one
 * is refused rather than guessed at.
 */
export const ISO_BRANDS = new Set([
  "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9",
  "mp41", "mp42", "avc1", "dash", "mmp4", "MSNV",
  "M4A ", "M4V ", "qt  ",
  "3gp4", "3gp5", "3gp6",
]);

/**
 * The audio format of a file from its first SNIFF_BYTES (never its name), or
 * null when it is not something we accept. Exactly those bytes are judged,
 * however many the caller happens to hold (a stream's first chunk may be
 * larger), so a file gets the same answer on every way in. An MP4/MOV must open
 * with an `ftyp` box of a known brand; WebM/Matroska with an EBML header of
 * doctype webm or matroska (file-type reads it).
 */
export async function detectAudioFormat(head: Uint8Array): Promise<AudioFormat | null> {
  const sniffed = head.subarray(0, SNIFF_BYTES);
  const detected = await fileTypeFromBuffer(sniffed);
  const format = (detected && ACCEPTED[detected.ext]) || null;
  if (format && ["m4a", "mp4", "m4v", "mov", "3gp"].includes(detected!.ext) && !ISO_BRANDS.has(majorBrand(sniffed))) return null;
  return format;
}

/** The major brand of an `ftyp` box at the start of the file ("" when there is none). */
function majorBrand(head: Uint8Array): string {
  if (head.length < 12 || Buffer.from(head.subarray(4, 8)).toString("latin1") !== "ftyp") return "";
  return Buffer.from(head.subarray(8, 12)).toString("latin1");
}

/**
 * What a stored file is, from its sniffed format and its metadata: the content
 * type it is kept with (the video type when it carries video), or a refusal for
 * people when a container that can carry video holds no sound.
 */
export function storedContentType(format: AudioFormat, metadata: IAudioMetadata | null): { contentType: string } | { refusal: string } {
  if (!format.videoContentType) return { contentType: format.contentType };
  const facts = metadata?.format;
  // music-metadata reports hasAudio for any MP4 (its default); a video's sound track has a codec.
  const hasVideo = Boolean(facts?.hasVideo);
  const hasSound = Boolean(facts?.hasAudio) && (!hasVideo || Boolean(facts?.codec));
  if (!hasSound) {
    return {
      refusal: hasVideo
        ? "That video has no sound: there is nothing to listen to. Upload a video with sound, or the audio recording itself."
        : `That file holds no sound we can read. Upload ${ACCEPTED_FORMATS_LABEL}.`,
    };
  }
  return { contentType: hasVideo ? format.videoContentType : format.contentType };
}

/** Whether a stored content type is a video (its take keeps only the sound). */
export function isVideoContentType(contentType: string): boolean {
  return contentType.trim().toLowerCase().startsWith("video/");
}
