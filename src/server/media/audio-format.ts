import { fileTypeFromBuffer } from "file-type";
import type { IAudioMetadata } from "music-metadata";

/** How many leading bytes are sniffed; every accepted container is recognised well within this. */
export const SNIFF_BYTES = 16 * 1024;

export type AudioFormat = {
  /** The stored file's extension (part of the storage key). */
  ext: string;
  /** The Content-Type the take is served with. */
  contentType: string;
  /** Containers that can also carry video (MP4, WebM) are accepted only when the metadata shows audio and no video. */
  audioOnlyCheck: boolean;
};

// file-type's answers (by extension) that are audio a band would upload.
const ACCEPTED: Record<string, AudioFormat> = {
  mp3: { ext: "mp3", contentType: "audio/mpeg", audioOnlyCheck: false },
  wav: { ext: "wav", contentType: "audio/wav", audioOnlyCheck: false },
  aif: { ext: "aiff", contentType: "audio/aiff", audioOnlyCheck: false },
  flac: { ext: "flac", contentType: "audio/flac", audioOnlyCheck: false },
  ogg: { ext: "ogg", contentType: "audio/ogg", audioOnlyCheck: false },
  oga: { ext: "oga", contentType: "audio/ogg", audioOnlyCheck: false },
  opus: { ext: "opus", contentType: "audio/ogg; codecs=opus", audioOnlyCheck: false },
  m4a: { ext: "m4a", contentType: "audio/mp4", audioOnlyCheck: false },
  aac: { ext: "aac", contentType: "audio/aac", audioOnlyCheck: false },
  mp4: { ext: "m4a", contentType: "audio/mp4", audioOnlyCheck: true },
  webm: { ext: "webm", contentType: "audio/webm", audioOnlyCheck: true },
};

/**
 * The audio format of a file from its first SNIFF_BYTES (never its name), or
 * null when it is not audio we accept. Exactly those bytes are judged, however
 * many the caller happens to hold (a stream's first chunk may be larger), so a
 * file gets the same answer on every way in.
 */
export async function detectAudioFormat(head: Uint8Array): Promise<AudioFormat | null> {
  const detected = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  return (detected && ACCEPTED[detected.ext]) || null;
}

/** For MP4/WebM: the container must hold audio and no video. */
export function isAudioOnly(format: AudioFormat, metadata: IAudioMetadata | null): boolean {
  if (!format.audioOnlyCheck) return true;
  return Boolean(metadata?.format.hasAudio) && !metadata?.format.hasVideo;
}

export const ACCEPTED_FORMATS_LABEL = "MP3, WAV, AIFF, FLAC, Ogg/Opus, M4A/AAC or WebM audio";
