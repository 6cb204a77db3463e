/**
 * What ffprobe says about a file, reduced to the facts a take shows: the first
 * audio stream's codec, channels, sample rate, bit depth and bitrate, and the
 * duration. Pure: the JSON in, the facts out.
 */
export type AudioFacts = {
  /** ffmpeg's codec name (e.g. "pcm_s24le", "aac"), for decisions. */
  codecName: string;
  /** For people: "AAC", "PCM 24-bit", "PCM 32-bit float". */
  codecLabel: string;
  /** ffmpeg's container name (e.g. "wav", "mov,mp4,m4a,3gp,3g2,mj2"). */
  container: string;
  channels: number | null;
  sampleRate: number | null;
  /** Bits per sample of lossless audio; null for lossy codecs, which have none. */
  bitDepth: number | null;
  /** Bits per second of the audio stream (or the whole file when the stream does not say). */
  bitrate: number | null;
  durationSeconds: number | null;
};

type ProbeStream = {
  codec_type?: string;
  codec_name?: string;
  sample_fmt?: string;
  sample_rate?: string | number;
  channels?: number;
  bits_per_sample?: number;
  bits_per_raw_sample?: string | number;
  bit_rate?: string | number;
  duration?: string | number;
};
type ProbeJson = { streams?: ProbeStream[]; format?: { format_name?: string; duration?: string | number; bit_rate?: string | number } };

const LOSSLESS = new Set(["flac", "alac", "wavpack", "tta", "ape", "mlp", "truehd"]);
const NAMES: Record<string, string> = {
  aac: "AAC",
  mp3: "MP3",
  mp2: "MP2",
  opus: "Opus",
  vorbis: "Vorbis",
  flac: "FLAC",
  alac: "ALAC",
  ac3: "AC-3",
  eac3: "E-AC-3",
  wavpack: "WavPack",
  wmav2: "WMA",
  amr_nb: "AMR",
};

/** null when the JSON holds no audio stream. */
export function factsFromProbe(json: unknown): AudioFacts | null {
  const probe = (json ?? {}) as ProbeJson;
  const stream = probe.streams?.find((s) => s.codec_type === "audio");
  if (!stream?.codec_name) return null;
  const codecName = stream.codec_name;
  const bitDepth = bitDepthOf(codecName, stream);
  return {
    codecName,
    codecLabel: codecLabel(codecName, bitDepth),
    container: probe.format?.format_name ?? "",
    channels: positiveInt(stream.channels),
    sampleRate: positiveInt(stream.sample_rate),
    bitDepth,
    bitrate: positiveInt(stream.bit_rate) ?? positiveInt(probe.format?.bit_rate),
    durationSeconds: positiveNumber(stream.duration) ?? positiveNumber(probe.format?.duration),
  };
}

function bitDepthOf(codecName: string, stream: ProbeStream): number | null {
  if (codecName.startsWith("pcm_")) return positiveInt(stream.bits_per_raw_sample) ?? positiveInt(stream.bits_per_sample) ?? pcmBits(codecName);
  if (LOSSLESS.has(codecName)) return positiveInt(stream.bits_per_raw_sample) ?? positiveInt(stream.bits_per_sample);
  return null;
}

/** pcm_s16le -> 16, pcm_f32be -> 32, pcm_u8 -> 8. */
function pcmBits(codecName: string): number | null {
  const match = /^pcm_[suf](\d+)/.exec(codecName);
  return match ? Number(match[1]) : null;
}

export function codecLabel(codecName: string, bitDepth: number | null): string {
  if (codecName.startsWith("pcm_")) {
    const bits = bitDepth ?? pcmBits(codecName);
    const float = /^pcm_f/.test(codecName);
    if (/^pcm_(alaw|mulaw)/.test(codecName)) return codecName === "pcm_alaw" ? "PCM A-law" : "PCM µ-law";
    return `PCM${bits ? ` ${bits}-bit` : ""}${float ? " float" : ""}`;
  }
  return NAMES[codecName] ?? codecName.toUpperCase().slice(0, 40);
}

function positiveNumber(value: unknown): number | null {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : null;
}

function positiveInt(value: unknown): number | null {
  const n = positiveNumber(value);
  return n === null ? null : Math.round(n);
}
