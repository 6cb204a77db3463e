import { describe, expect, it } from "vitest";
import type { BeatGrid } from "./bars";
import { contextToMedia, countIn, IDLE, mediaToContext, scheduleStep, type Click, type Observation, type SchedulerState } from "./click-schedule";

/** 4/4 at `bpm` for `seconds`, the first downbeat at `first`. */
function steady(bpm: number, seconds: number, first = 0): BeatGrid {
  const beat = 60 / bpm;
  const beats: number[] = [];
  for (let t = first; t < seconds; t += beat) beats.push(Math.round(t * 1e6) / 1e6);
  return { beats, downbeats: beats.filter((_, i) => i % 4 === 0) };
}

const grid = steady(120, 400, 0.3);

/**
 * Plays a simulated take: the audio clock advances in steps of `tick`; the
 * take's true time runs at `rate` times it, `drift` faster (100e-6 = 100 ppm),
 * starting at `start` when the audio clock reads `contextStart`. Every step the
 * scheduler sees the take's time (its reading off by up to `jitter`), and every
 * click it schedules is checked against the moment the take is really at then.
 */
type Run = { rate?: number; seconds: number; start?: number; contextStart?: number; tick?: number; drift?: number; jitter?: number; loop?: { start: number; end: number } | null; useGrid?: BeatGrid };

function simulate({ rate = 1, seconds, start = 0, contextStart = 10, tick = 0.025, drift = 0, jitter = 0, loop = null, useGrid = grid }: Run) {
  let state: SchedulerState = IDLE;
  const heard: { beat: number; error: number; accent: boolean }[] = [];
  let media = start;
  let ctx = contextStart;
  const pending: Click[] = [];
  let step = 0;
  while (ctx < contextStart + seconds) {
    const reading = media + (step % 2 === 0 ? jitter : -jitter);
    const seen: Observation = { media: reading, context: ctx, rate, playing: true };
    const result = scheduleStep(state, seen, useGrid, { loopEnd: loop?.end ?? null });
    state = result.state;
    if (result.cancel) pending.length = 0;
    pending.push(...result.clicks);
    // Advance both clocks; sound the clicks whose time has come.
    const next = ctx + tick;
    for (let i = pending.length - 1; i >= 0; i--) {
      const click = pending[i]!;
      if (click.at < next) {
        // The take's true time when the click sounds (clicks may be placed a little in the past after a seek).
        const at = Math.max(click.at, ctx);
        const trueMedia = media + (at - ctx) * rate * (1 + drift);
        heard.push({ beat: click.media, error: (trueMedia - click.media) / rate, accent: click.accent });
        pending.splice(i, 1);
      }
    }
    ctx = next;
    media += tick * rate * (1 + drift);
    if (loop && media >= loop.end) media = loop.start;
    step++;
  }
  return heard.sort((a, b) => a.beat - b.beat);
}

describe("the audio clock and the take's time", () => {
  it("map into each other through an anchor at any rate", () => {
    const anchor = { media: 12, context: 100, rate: 1.25 };
    expect(mediaToContext(anchor, 14.5)).toBeCloseTo(102, 9);
    expect(contextToMedia(anchor, 102)).toBeCloseTo(14.5, 9);
    expect(mediaToContext({ media: 12, context: 100, rate: 0.5 }, 13)).toBeCloseTo(102, 9);
  });
});

describe("scheduleStep", () => {
  for (const rate of [0.5, 1, 1.25]) {
    it(`clicks every beat once, on time, accented on downbeats, at ${rate}x`, () => {
      const heard = simulate({ rate, seconds: 20 });
      const expected = grid.beats.filter((b) => b < 20 * rate);
      expect(heard.map((h) => h.beat)).toEqual(expected.slice(0, heard.length));
      expect(heard.length).toBeGreaterThanOrEqual(expected.length - 1);
      for (const h of heard) expect(Math.abs(h.error)).toBeLessThan(0.001);
      expect(heard.filter((h) => h.accent).map((h) => h.beat)).toEqual(grid.downbeats.filter((d) => d <= heard.at(-1)!.beat));
    });
  }

  it("schedules only a little ahead", () => {
    const { clicks } = scheduleStep(IDLE, { media: 0.3, context: 5, rate: 1, playing: true }, grid);
    // Of the beats at 0.3 and 0.8 only the first is within 0.2 s.
    expect(clicks.map((c) => c.media)).toEqual([0.3]);
    expect(clicks[0]!.at).toBeCloseTo(5, 9);
  });

  it("clicks a beat the playhead passed a moment before the first step, at once; not one passed longer ago", () => {
    const justPassed = scheduleStep(IDLE, { media: 2.31, context: 5, rate: 1, playing: true }, grid);
    expect(justPassed.clicks.map((c) => c.media)).toEqual([2.3]);
    expect(justPassed.clicks[0]!.at).toBeCloseTo(4.99, 9);
    expect(scheduleStep(IDLE, { media: 2.33, context: 5, rate: 1, playing: true }, grid).clicks).toEqual([]);
  });

  it("starts over from a seek: nothing placed for the old position, the new beats on time", () => {
    let state = scheduleStep(IDLE, { media: 1, context: 5, rate: 1, playing: true }, grid).state;
    state = scheduleStep(state, { media: 1.1, context: 5.1, rate: 1, playing: true }, grid).state;
    const sought = scheduleStep(state, { media: 30.2, context: 5.125, rate: 1, playing: true }, grid);
    expect(sought.cancel).toBe(true);
    expect(sought.clicks.map((c) => c.media)).toEqual([30.3]);
    expect(sought.clicks[0]!.at).toBeCloseTo(5.225, 9);
  });

  it("takes a new anchor on a speed change and cancels what the old speed placed", () => {
    const first = scheduleStep(IDLE, { media: 2, context: 5, rate: 1, playing: true }, grid);
    const faster = scheduleStep(first.state, { media: 2.1, context: 5.1, rate: 1.25, playing: true }, grid);
    expect(faster.cancel).toBe(true);
    expect(faster.state.anchor).toEqual({ media: 2.1, context: 5.1, rate: 1.25 });
    expect(faster.clicks.map((c) => c.media)).toEqual([2.3]);
    expect(faster.clicks[0]!.at).toBeCloseTo(5.1 + 0.2 / 1.25, 9);
  });

  it("stops on pause and cancels what is still to come", () => {
    const playing = scheduleStep(IDLE, { media: 2, context: 5, rate: 1, playing: true }, grid);
    const paused = scheduleStep(playing.state, { media: 2.05, context: 5.05, rate: 1, playing: false }, grid);
    expect(paused).toEqual({ state: IDLE, clicks: [], cancel: true });
  });

  it("keeps a loop's beats on time over several passes, and none at or past its end", () => {
    // The loop is bars 2-3 of the grid (2.3 s to 6.3 s), played three times at 0.5x.
    const heard = simulate({ rate: 0.5, seconds: 26, start: 2.3, loop: { start: 2.3, end: 6.3 } });
    const inLoop = grid.beats.filter((b) => b >= 2.3 && b < 6.3);
    expect(heard.every((h) => h.beat >= 2.3 && h.beat < 6.3)).toBe(true);
    // Every beat of the loop three times (a pass is 8 s at 0.5x), each within 20 ms.
    for (const beat of inLoop) expect(heard.filter((h) => h.beat === beat).length).toBeGreaterThanOrEqual(3);
    for (const h of heard) expect(Math.abs(h.error)).toBeLessThan(0.02);
  });

  it("stays within 20 ms of the take over 5 minutes while the two clocks drift apart", () => {
    // 100 ppm is 30 ms over 5 minutes: the anchor must follow the take.
    const heard = simulate({ rate: 1, seconds: 300, drift: 100e-6, jitter: 0.003 });
    expect(heard.length).toBeGreaterThan(590);
    const worst = Math.max(...heard.map((h) => Math.abs(h.error)));
    expect(worst).toBeLessThan(0.02);
  });

  it("stays within 20 ms over 5 minutes at 0.5x and 1.25x", () => {
    for (const rate of [0.5, 1.25]) {
      const heard = simulate({ rate, seconds: 300, drift: -80e-6, jitter: 0.002 });
      expect(Math.max(...heard.map((h) => Math.abs(h.error)))).toBeLessThan(0.02);
    }
  });
});

describe("countIn", () => {
  it("counts the bar's beats at the take's beat length, then the take starts on its first beat", () => {
    const plan = countIn(grid, 2.3, 50, 1)!;
    expect(plan.clicks.map((c) => c.at)).toEqual([50, 50.5, 51, 51.5]);
    expect(plan.clicks.map((c) => c.accent)).toEqual([true, false, false, false]);
    expect(plan.playAt).toBeCloseTo(52, 9);
  });

  it("stretches with the playback speed", () => {
    const plan = countIn(grid, 2.3, 50, 0.5)!;
    expect(plan.clicks.map((c) => c.at)).toEqual([50, 51, 52, 53]);
    expect(plan.playAt).toBeCloseTo(54, 9);
  });

  it("starts the take early enough that a loop starting before a beat lands on it", () => {
    // The loop starts 0.1 s before the beat at 2.3: the take starts 0.1 s before the count-in ends.
    const plan = countIn(grid, 2.2, 50, 1)!;
    expect(plan.playAt).toBeCloseTo(51.9, 9);
    expect(plan.playAt + (2.3 - 2.2)).toBeCloseTo(plan.clicks[0]!.at + 4 * 0.5, 9);
  });

  it("counts a bar of three in 3/4, from irregular beats", () => {
    const waltz: BeatGrid = { beats: [1, 1.6, 2.2, 2.8, 3.4, 4.0], downbeats: [1, 2.8] };
    const plan = countIn(waltz, 2.8, 0, 1)!;
    expect(plan.clicks).toHaveLength(3);
    expect(plan.clicks[1]!.at).toBeCloseTo(0.6, 9);
    expect(plan.playAt).toBeCloseTo(1.8, 9);
  });

  it("has nothing to count without beats", () => {
    expect(countIn({ beats: [], downbeats: [] }, 1, 0, 1)).toBeNull();
  });
});
