import { wavHeader } from "@/test/wav";

/**
 * Music made in code with known truth, for the analysis tests: bass on the
 * chord's root, strummed triads, drums (kick on 1 and 3, snare on 2 and 4,
 * hats on every eighth), and a melody on the key's scale. 4/4 throughout.
 * Pure and deterministic (a seeded generator picks the melody and the noise).
 */

export type KeyMode = "major" | "minor";

export type MusicSpec = {
  /** Beats per minute at the first beat. */
  bpm: number;
  /** Beats per minute at the last beat: the tempo rises (or falls) evenly from beat to beat. Default: `bpm`. */
  endBpm?: number;
  key: { tonic: string; mode: KeyMode };
  /** One chord per bar ("C", "Am", "F#m", "Bb"), repeated when there are more bars. */
  progression: string[];
  bars: number;
  sampleRate?: number;
  /** Seconds of silence before the first beat. */
  leadInSeconds?: number;
  /** Seconds of ring-out after the last bar. */
  tailSeconds?: number;
  seed?: number;
};

export type MusicTruth = {
  beats: number[];
  downbeats: number[];
  /** The chord of each bar, from its downbeat to the next. */
  chords: { start: number; end: number; label: string }[];
  key: { tonic: string; mode: KeyMode; label: string };
  /** The tempo at each beat (60 / the interval to the next beat). */
  tempo: { t: number; bpm: number }[];
  /** Where the music starts and ends. */
  musicStart: number;
  musicEnd: number;
};

export type GeneratedMusic = { samples: Float32Array; sampleRate: number; truth: MusicTruth };

const NOTE: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const MINOR_SCALE = [0, 2, 3, 5, 7, 8, 10];

/** Pitch class of "C", "F#", "Bb". */
export function notePitchClass(note: string): number {
  const m = /^([A-G])(#|b)?$/.exec(note);
  if (!m) throw new Error(`not a note name: ${note}`);
  return (NOTE[m[1]!]! + (m[2] === "#" ? 1 : m[2] === "b" ? 11 : 0)) % 12;
}

/** "F#m" -> { root: 6, minor: true }. Major and minor triads only. */
export function parseTriad(chord: string): { root: number; minor: boolean } {
  const m = /^([A-G](?:#|b)?)(m?)$/.exec(chord);
  if (!m) throw new Error(`not a major or minor triad: ${chord}`);
  return { root: notePitchClass(m[1]!), minor: m[2] === "m" };
}

/**
 * Beat times: the first at `start`, each interval 60 / the tempo at that beat,
 * the tempo moving evenly from `bpm` to `endBpm` over the beats.
 */
export function beatTimes({ bpm, endBpm = bpm, count, start = 0 }: { bpm: number; endBpm?: number; count: number; start?: number }): { times: number[]; bpms: number[] } {
  const times: number[] = [];
  const bpms: number[] = [];
  let t = start;
  for (let i = 0; i < count; i++) {
    const tempo = count > 1 ? bpm + ((endBpm - bpm) * i) / (count - 1) : bpm;
    times.push(t);
    bpms.push(tempo);
    t += 60 / tempo;
  }
  return { times, bpms };
}

/** The truth alone (no samples): cheap, and what the generator's own tests check. */
export function musicTruth(spec: MusicSpec): MusicTruth {
  const lead = spec.leadInSeconds ?? 0;
  const { times, bpms } = beatTimes({ bpm: spec.bpm, endBpm: spec.endBpm, count: spec.bars * 4 + 1, start: lead });
  const beats = times.slice(0, spec.bars * 4);
  const downbeats = beats.filter((_, i) => i % 4 === 0);
  const end = times[spec.bars * 4]!;
  const chords = downbeats.map((start, bar) => ({ start, end: downbeats[bar + 1] ?? end, label: spec.progression[bar % spec.progression.length]! }));
  const tonic = spec.key.tonic;
  return {
    beats,
    downbeats,
    chords,
    key: { tonic, mode: spec.key.mode, label: spec.key.mode === "minor" ? `${tonic}m` : tonic },
    tempo: beats.map((t, i) => ({ t, bpm: bpms[i]! })),
    musicStart: lead,
    musicEnd: end,
  };
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** Adds a tone with a few harmonics and an exponential decay at `start` for `length` seconds. */
function addTone(out: Float32Array, sr: number, start: number, length: number, freq: number, gain: number, decay: number, harmonics: number[]) {
  const from = Math.max(0, Math.round(start * sr));
  const to = Math.min(out.length, Math.round((start + length) * sr));
  const attack = Math.round(0.005 * sr);
  const release = Math.round(0.02 * sr);
  for (let i = from; i < to; i++) {
    const t = (i - from) / sr;
    let env = gain * Math.exp(-t / decay);
    if (i - from < attack) env *= (i - from) / attack;
    if (to - i < release) env *= (to - i) / release;
    let s = 0;
    for (let h = 0; h < harmonics.length; h++) s += harmonics[h]! * Math.sin(2 * Math.PI * freq * (h + 1) * t);
    out[i]! += env * s;
  }
}

function addKick(out: Float32Array, sr: number, start: number) {
  const from = Math.round(start * sr);
  const to = Math.min(out.length, from + Math.round(0.18 * sr));
  let phase = 0;
  for (let i = from; i < to; i++) {
    const t = (i - from) / sr;
    phase += (2 * Math.PI * (50 + 100 * Math.exp(-t / 0.03))) / sr;
    out[i]! += 0.9 * Math.exp(-t / 0.06) * Math.sin(phase);
  }
}

function addNoiseHit(out: Float32Array, sr: number, start: number, length: number, gain: number, decay: number, rnd: () => number, bright: boolean, toneHz = 0) {
  const from = Math.round(start * sr);
  const to = Math.min(out.length, from + Math.round(length * sr));
  let previous = 0;
  for (let i = from; i < to; i++) {
    const t = (i - from) / sr;
    const noise = rnd() * 2 - 1;
    // A first difference tilts white noise towards the top (a hat); plain noise is a snare's rattle.
    const n = bright ? noise - previous : noise;
    previous = noise;
    const tone = toneHz ? 0.5 * Math.sin(2 * Math.PI * toneHz * t) : 0;
    out[i]! += gain * Math.exp(-t / decay) * (n + tone);
  }
}

/** The music `spec` describes, mono float samples in [-1, 1], with its truth. */
export function generateMusic(spec: MusicSpec): GeneratedMusic {
  const sr = spec.sampleRate ?? 44_100;
  const truth = musicTruth(spec);
  const total = truth.musicEnd + (spec.tailSeconds ?? 0.5);
  const out = new Float32Array(Math.ceil(total * sr));
  const rnd = random(spec.seed ?? 1);
  const tonic = notePitchClass(spec.key.tonic);
  const scale = (spec.key.mode === "minor" ? MINOR_SCALE : MAJOR_SCALE).map((s) => (tonic + s) % 12);

  const beatEnd = (i: number) => truth.beats[i + 1] ?? truth.musicEnd;
  for (let bar = 0; bar < spec.bars; bar++) {
    const chord = parseTriad(truth.chords[bar]!.label);
    const triad = [chord.root, (chord.root + (chord.minor ? 3 : 4)) % 12, (chord.root + 7) % 12];
    const barEnd = truth.chords[bar]!.end;
    // Triads, strummed (a few ms between strings), in the octave above middle C, twice a bar.
    for (const half of [0, 2]) {
      const start = truth.beats[bar * 4 + half]!;
      const end = half === 0 ? truth.beats[bar * 4 + 2]! : barEnd;
      triad.forEach((pc, n) => addTone(out, sr, start + n * 0.008, end - start, hz(60 + pc), 0.11, 1.2, [1, 0.5, 0.3, 0.15]));
    }
    for (let b = 0; b < 4; b++) {
      const i = bar * 4 + b;
      const start = truth.beats[i]!;
      const length = beatEnd(i) - start;
      // Bass: the root, low, on every beat.
      addTone(out, sr, start, length * 0.95, hz(36 + chord.root), 0.35, 0.5, [1, 0.6, 0.3, 0.2]);
      // Drums.
      if (b === 0 || b === 2) addKick(out, sr, start);
      else addNoiseHit(out, sr, start, 0.15, 0.25, 0.04, rnd, false, 190);
      for (const eighth of [0, 0.5]) addNoiseHit(out, sr, start + eighth * length, 0.05, 0.08, 0.012, rnd, true);
      // Melody: a chord tone on the downbeat, else a note of the scale, an octave above the triads.
      const pc = b === 0 ? chord.root : rnd() < 0.75 ? triad[Math.floor(rnd() * 3)]! : scale[Math.floor(rnd() * 7)]!;
      addTone(out, sr, start, length * 0.9, hz(72 + pc), 0.05, 0.4, [1, 0.3, 0.1]);
    }
  }
  let peak = 0;
  for (const s of out) peak = Math.max(peak, Math.abs(s));
  if (peak > 0) for (let i = 0; i < out.length; i++) out[i]! *= 0.8 / peak;
  return { samples: out, sampleRate: sr, truth };
}

/** 16-bit PCM WAV of mono samples (optionally the same in both channels). */
export function musicWav(samples: Float32Array, sampleRate: number, channels = 1): Buffer {
  const dataBytes = samples.length * channels * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wavHeader(dataBytes, sampleRate, channels).copy(wav, 0);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
    for (let c = 0; c < channels; c++) wav.writeInt16LE(v, 44 + (i * channels + c) * 2);
  }
  return wav;
}
