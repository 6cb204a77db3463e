/**
 * Whether what a file says about itself could be true, before any tool works
 * on it. The work a take costs follows its decoded length, which a header can
 * claim freely: a 10 KB WAV that says "10 samples per second" is 1000 seconds
 * long to a decoder, and resampled to 48 kHz it becomes a rendition a
 * thousand times its size. So a file is refused when its sample rate, channel
 * count or length cannot be real audio of its size; and the length a tool may
 * decode from any file is bounded by its bytes (maxDecodedSeconds). Pure.
 */

export const SAMPLE_RATE_RANGE = { min: 8_000, max: 384_000 } as const;
export const MAX_CHANNELS = 32;
/**
 * The fewest bytes a second of real audio takes: 6 kb/s, the lowest bitrate
 * any accepted codec is used at (Opus speech). Nothing we accept is smaller.
 */
export const MIN_BYTES_PER_SECOND = 750;

export type ClaimedAudio = {
  sampleRate: number | null;
  channels: number | null;
  durationSeconds: number | null;
  /** Bits per sample of uncompressed PCM (WAV, AIFF); null for any other codec. */
  pcmBitsPerSample: number | null;
};

/** The longest a file of this size can honestly play, and so the most any tool may decode from it. */
export function maxDecodedSeconds(sizeBytes: number): number {
  return Math.max(1, sizeBytes / MIN_BYTES_PER_SECOND);
}

/** A sentence for people saying why the file cannot be real audio, or null when it can. */
export function implausibleAudio(claimed: ClaimedAudio, sizeBytes: number): string | null {
  const { sampleRate, channels, durationSeconds, pcmBitsPerSample } = claimed;
  if (sampleRate !== null && (!Number.isFinite(sampleRate) || sampleRate < SAMPLE_RATE_RANGE.min || sampleRate > SAMPLE_RATE_RANGE.max)) {
    return `The file says its sample rate is ${formatRate(sampleRate)}; audio is recorded at 8 to 384 kHz. The file is damaged or not what it claims to be.`;
  }
  if (channels !== null && (!Number.isFinite(channels) || channels > MAX_CHANNELS)) {
    return `The file says it has ${channels} channels; at most ${MAX_CHANNELS} are accepted. The file is damaged or not what it claims to be.`;
  }
  if (durationSeconds !== null && Number.isFinite(durationSeconds) && durationSeconds > 0) {
    const pcmBytesPerSecond = pcmBitsPerSample && sampleRate && channels ? (sampleRate * channels * pcmBitsPerSample) / 8 : null;
    const bytesPerSecond = pcmBytesPerSecond ?? MIN_BYTES_PER_SECOND;
    // A little slack for headers, padding and rounding: only a claim far past the bytes is refused.
    const holds = (sizeBytes * 1.1) / bytesPerSecond + 2;
    if (durationSeconds > holds) {
      return `The file says it is ${formatDuration(durationSeconds)} long, but ${formatSize(sizeBytes)} cannot hold that much audio. The file is damaged or not what it claims to be.`;
    }
  } else if (durationSeconds !== null && !Number.isFinite(durationSeconds)) {
    return "The file says it has no end. The file is damaged or not what it claims to be.";
  }
  return null;
}

function formatRate(hz: number): string {
  if (!Number.isFinite(hz)) return "not a number";
  return hz >= 1000 ? `${Math.round(hz / 100) / 10} kHz` : `${Math.round(hz)} Hz`;
}

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
