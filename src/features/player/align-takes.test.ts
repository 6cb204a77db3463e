import { describe, expect, it } from "vitest";
import { confidenceWording, resampleEnvelope, suggestOffset, type TakeSignal } from "./align-takes";

// ---- signals made here, with a known truth -------------------------------------------

const SAMPLE_RATE = 8000;
// 100 pixels a second: what the peaks of a short take give.
const SAMPLES_PER_PIXEL = 80;

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

type Hit = { at: number; amp: number; length: number };

/** A recording: decaying noise bursts (drums) over room noise, as audio samples. */
function record(hits: Hit[], seconds: number, seed: number, swell?: { from: number; to: number; amp: number }): Float32Array {
  const rnd = random(seed);
  const out = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  for (let i = 0; i < out.length; i++) out[i] = (rnd() - 0.5) * 0.02;
  if (swell) {
    // A held, rising chord: loud, but with no attacks in it.
    for (let i = Math.round(swell.from * SAMPLE_RATE); i < Math.min(out.length, swell.to * SAMPLE_RATE); i++) {
      const t = i / SAMPLE_RATE;
      out[i]! += swell.amp * ((t - swell.from) / (swell.to - swell.from)) * Math.sin(2 * Math.PI * 220 * t);
    }
  }
  for (const hit of hits) {
    const start = Math.round(hit.at * SAMPLE_RATE);
    const length = Math.round(hit.length * SAMPLE_RATE);
    for (let i = 0; i < length && start + i < out.length; i++) {
      if (start + i < 0) continue;
      out[start + i]! += hit.amp * Math.exp(-i / (length / 5)) * (rnd() - 0.5) * 2;
    }
  }
  return out;
}

/** What the peaks give the browser: the loudest sample of each pixel. */
function envelopeOf(samples: Float32Array): TakeSignal {
  const envelope: number[] = [];
  for (let p = 0; p + SAMPLES_PER_PIXEL <= samples.length; p += SAMPLES_PER_PIXEL) {
    let peak = 0;
    for (let i = p; i < p + SAMPLES_PER_PIXEL; i++) peak = Math.max(peak, Math.abs(samples[i]!));
    envelope.push(Math.min(1, peak));
  }
  return { envelope, frameRate: SAMPLE_RATE / SAMPLES_PER_PIXEL };
}

// A two-second bar: kick, hats, snare; the same for 30 s, played by people (timing off by up to 8 ms, loudness by 10 %).
const BAR: { at: number; amp: number }[] = [
  { at: 0, amp: 0.9 },
  { at: 0.5, amp: 0.35 },
  { at: 0.75, amp: 0.25 },
  { at: 1, amp: 0.7 },
  { at: 1.25, amp: 0.25 },
  { at: 1.5, amp: 0.35 },
];

function groove(from: number, seconds: number, seed: number): Hit[] {
  const rnd = random(seed);
  const hits: Hit[] = [];
  for (let bar = 0; bar * 2 < seconds; bar++) {
    for (const h of BAR) hits.push({ at: from + bar * 2 + h.at + (rnd() - 0.5) * 0.016, amp: h.amp * (0.9 + rnd() * 0.2), length: 0.08 });
  }
  return hits;
}

// Three seconds that are not the groove: a pickup of a few irregular hits.
function intro(from: number): Hit[] {
  return [0.2, 0.9, 1.3, 2.05, 2.4, 2.7].map((at, i) => ({ at: from + at, amp: 0.4 + 0.1 * (i % 3), length: 0.05 }));
}

/** A take whose music (intro, then 30 s of groove) starts `musicAt` seconds into its file. */
function takeWithIntro(musicAt: number, seed: number, tail = 1): TakeSignal {
  return envelopeOf(record([...intro(musicAt), ...groove(musicAt + 3, 30, seed)], musicAt + 33 + tail, seed + 1, { from: musicAt, to: musicAt + 3, amp: 0.3 }));
}

/** Nothing but the groove, from the file's start, starting `phase` seconds into the bar. */
function grooveOnly(phase: number, seed: number): TakeSignal {
  return envelopeOf(record(groove(-phase, 32, seed), 30, seed + 1));
}

describe("suggestOffset on a repetitive groove", () => {
  it("finds the true offset (3.0 s) when the takes share an intro", () => {
    const a = takeWithIntro(0.5, 11);
    const b = takeWithIntro(3.5, 29);
    const suggestion = suggestOffset(a, b)!;
    expect(Math.abs(suggestion.seconds - 3)).toBeLessThanOrEqual(0.05);
  });

  it("finds it the other way round, and when the later take stops earlier", () => {
    const a = takeWithIntro(4.2, 5);
    const b = takeWithIntro(1.2, 17, -6);
    const suggestion = suggestOffset(a, b)!;
    expect(Math.abs(suggestion.seconds - -3)).toBeLessThanOrEqual(0.05);
  });

  it("offers the next-best offsets: the bar lengths either side, distinct, best first", () => {
    const suggestion = suggestOffset(takeWithIntro(0.5, 11), takeWithIntro(3.5, 29))!;
    expect(suggestion.candidates).toHaveLength(3);
    expect(suggestion.candidates[0]!.seconds).toBe(suggestion.seconds);
    const scores = suggestion.candidates.map((c) => c.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    const others = suggestion.candidates.slice(1).map((c) => Math.round(c.seconds));
    for (const o of others) expect([1, 5, -1, 7]).toContain(o);
  });

  it("is much less sure when nothing but the repetition tells the bars apart", () => {
    const clear = suggestOffset(takeWithIntro(0.5, 11), takeWithIntro(3.5, 29))!;
    // B's file starts 1 s later into the bar than A's: 1, 3, -1 ... seconds all line the bars up.
    const ambiguous = suggestOffset(grooveOnly(0, 11), grooveOnly(1, 29))!;
    expect(ambiguous.confidence).toBeLessThan(clear.confidence / 2);
    expect(clear.confidence).toBeGreaterThan(0.3);
    expect(ambiguous.confidence).toBeLessThan(0.1);
    // Its candidates are all bar-equivalent lags; the smallest comes first on a tie.
    const offBar = (seconds: number) => {
      const r = (((seconds - 1) % 2) + 2) % 2;
      return Math.min(r, 2 - r);
    };
    for (const c of ambiguous.candidates) expect(offBar(c.seconds)).toBeLessThan(0.05);
    expect(Math.abs(ambiguous.seconds)).toBeCloseTo(1, 1);
  });
});

// A song-like envelope: irregular bursts, so only one shift lines it up.
function song(frames: number): number[] {
  const rnd = random(7);
  return Array.from({ length: frames }, (_, i) => 0.2 + 0.5 * Math.abs(Math.sin(i / 7)) * rnd() + (i % 37 < 5 ? 0.3 : 0));
}

describe("suggestOffset on a loudness envelope", () => {
  const rate = 10;
  const music = song(600);

  it("finds how much later take B's music starts", () => {
    const a = { envelope: [...new Array<number>(20).fill(0.01), ...music], frameRate: rate };
    const b = { envelope: [...new Array<number>(55).fill(0.01), ...music], frameRate: rate };
    expect(suggestOffset(a, b)!.seconds).toBeCloseTo(3.5, 1);
  });

  it("gives a negative difference when B starts earlier", () => {
    const a = { envelope: [...new Array<number>(40).fill(0.01), ...music], frameRate: rate };
    const b = { envelope: music.slice(10), frameRate: rate };
    expect(suggestOffset(a, b)!.seconds).toBeCloseTo(-5, 1);
  });

  it("lines up envelopes of different resolutions", () => {
    const fine = takeWithIntro(0.5, 11);
    const coarse = takeWithIntro(3.5, 29);
    const b = { envelope: resampleEnvelope(coarse.envelope, coarse.frameRate, 25), frameRate: 25 };
    expect(Math.abs(suggestOffset(fine, b)!.seconds - 3)).toBeLessThanOrEqual(0.05);
  });

  it("says nothing for silence or a take too short", () => {
    expect(suggestOffset({ envelope: new Array<number>(100).fill(0), frameRate: rate }, { envelope: music, frameRate: rate })).toBeNull();
    expect(suggestOffset({ envelope: [0.1, 0.5], frameRate: rate }, { envelope: music, frameRate: rate })).toBeNull();
  });
});

describe("resampleEnvelope", () => {
  it("keeps the peak of each window", () => {
    expect(resampleEnvelope([0.1, 0.5, 0.2, 0.9, 0.3, 0.3], 30, 10)).toEqual([0.5, 0.9]);
  });
});

describe("confidenceWording", () => {
  it("says how sure the suggestion is, in three steps", () => {
    expect([0, 0.09, 0.1, 0.29, 0.3, 1].map((c) => confidenceWording(c).level)).toEqual(["low", "low", "medium", "medium", "high", "high"]);
  });
});
