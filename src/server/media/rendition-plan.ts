import type { AudioFacts } from "./audio-facts";

/**
 * Whether a take needs a streaming rendition: only when every current browser
 * (Safari/iOS included) would not play the original well. MP3 and AAC in an
 * MP4/M4A container at a sane bitrate play everywhere and stream as they are;
 * WAV, AIFF, FLAC, Ogg, Opus and WebM do not (Safari lacks some; an hour of
 * PCM is 600 MB over mobile data), nor does anything above MAX_PLAIN_BITRATE.
 */
export const MAX_PLAIN_BITRATE = 320_000;

/** AAC in MP4, index at the front, at about this bitrate. */
export const RENDITION = { codec: "aac", bitrate: "192k", contentType: "audio/mp4", extension: "m4a" } as const;
/** What a second of the rendition takes, at most (its bitrate; the container adds little). */
export const RENDITION_BYTES_PER_SECOND = 192_000 / 8;

const PLAYS_EVERYWHERE: Record<string, (container: string) => boolean> = {
  mp3: (container) => container === "mp3",
  aac: (container) => container.split(",").includes("mp4") || container.split(",").includes("m4a"),
};

/**
 * A video always gets one: its stream must be its sound alone (a phone should
 * not fetch the picture to play the take), whatever the audio codec.
 */
export function needsRendition(facts: Pick<AudioFacts, "codecName" | "container" | "bitrate">, original: { isVideo: boolean } = { isVideo: false }): boolean {
  if (original.isVideo) return true;
  const playable = PLAYS_EVERYWHERE[facts.codecName]?.(facts.container) ?? false;
  if (!playable) return true;
  // A bitrate past what a phone should stream (or one nobody reported) gets a rendition too.
  return facts.bitrate === null || facts.bitrate > MAX_PLAIN_BITRATE + 8_000;
}

/** The rendition's sample rate: 44.1 or 48 kHz, whichever is nearer the original's family. */
export function renditionSampleRate(sampleRate: number | null): 44100 | 48000 {
  if (sampleRate && sampleRate % 11025 === 0) return 44100;
  return 48000;
}
