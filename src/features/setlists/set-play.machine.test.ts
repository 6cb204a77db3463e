import { describe, expect, it } from "vitest";
import { initialSetPlayState, nextSetPlayState, playRefusal, setPlayWording, type SetPlayEvent, type SetPlayState } from "./set-play.machine";

const run = (events: SetPlayEvent[], from: SetPlayState = initialSetPlayState) => events.reduce(nextSetPlayState, from);
const COUNT = 3;

/** A take chosen and started: its load can play, then plays. */
function played(state: SetPlayState): SetPlayState {
  return run([{ type: "canPlay", load: state.load }, { type: "playing", load: state.load }], state);
}

describe("nextSetPlayState", () => {
  it("loads a chosen take, asks to play once it can, and plays", () => {
    const chosen = run([{ type: "choose", index: 0, count: COUNT }]);
    expect(chosen).toEqual({ status: "loading", index: 0, load: 1 });
    expect(run([{ type: "canPlay", load: 1 }], chosen).status).toBe("starting");
    expect(played(chosen)).toEqual({ status: "playing", index: 0, load: 1 });
  });

  it("advances on the end of each take, through many rounds, and finishes after the last", () => {
    let state = initialSetPlayState;
    for (let round = 0; round < 5; round++) {
      state = played(run([{ type: "choose", index: 0, count: COUNT }], state));
      for (let index = 0; index < COUNT; index++) {
        expect(state).toMatchObject({ status: "playing", index });
        // The element says "pause" then "ended" at a take's end.
        state = run([{ type: "paused", load: state.load }, { type: "ended", load: state.load, count: COUNT }], state);
        if (index + 1 < COUNT) {
          expect(state).toMatchObject({ status: "loading", index: index + 1 });
          state = played(state);
        }
      }
      expect(state).toMatchObject({ status: "finished", index: COUNT - 1 });
    }
  });

  it("ignores a late report from a take already left behind: a stale 'ended' skips nothing", () => {
    const first = played(run([{ type: "choose", index: 0, count: COUNT }]));
    const next = run([{ type: "choose", index: 1, count: COUNT }], first);
    // The first take's end arrives after Next was pressed.
    expect(run([{ type: "ended", load: first.load, count: COUNT }], next)).toEqual(next);
    expect(run([{ type: "canPlay", load: first.load }], next)).toEqual(next);
    expect(run([{ type: "playing", load: first.load }], next)).toEqual(next);
    expect(run([{ type: "playRefused", load: first.load, why: "blocked" }], next)).toEqual(next);
  });

  it("asks to play only once per load, when it can play", () => {
    const starting = run([{ type: "choose", index: 0, count: COUNT }, { type: "canPlay", load: 1 }]);
    expect(run([{ type: "canPlay", load: 1 }], starting)).toEqual(starting);
    const playing = played(run([{ type: "choose", index: 0, count: COUNT }]));
    expect(run([{ type: "canPlay", load: 1 }], playing).status).toBe("playing");
  });

  it("a play() cut short by a newer load changes nothing; one refused by the browser waits for a tap", () => {
    const starting = run([{ type: "choose", index: 1, count: COUNT }, { type: "canPlay", load: 1 }]);
    expect(run([{ type: "playRefused", load: 1, why: "superseded" }], starting)).toEqual(starting);
    const blocked = run([{ type: "playRefused", load: 1, why: "blocked" }], starting);
    expect(blocked.status).toBe("blocked");
    // The listener presses play on the element.
    expect(run([{ type: "playing", load: 1 }], blocked).status).toBe("playing");
  });

  it("a listener's pause is kept; playing again resumes", () => {
    const playing = played(run([{ type: "choose", index: 2, count: COUNT }]));
    const paused = run([{ type: "paused", load: playing.load }], playing);
    expect(paused.status).toBe("paused");
    expect(run([{ type: "playing", load: playing.load }], paused).status).toBe("playing");
  });

  it("a take that does not load says so; Next moves on", () => {
    const failed = run([{ type: "choose", index: 0, count: COUNT }, { type: "loadFailed", load: 1 }]);
    expect(failed.status).toBe("failed");
    expect(run([{ type: "choose", index: 1, count: COUNT }], failed)).toMatchObject({ status: "loading", index: 1 });
  });

  it("keeps a chosen index within the queue, and an empty queue is idle", () => {
    expect(run([{ type: "choose", index: 9, count: COUNT }]).index).toBe(2);
    expect(run([{ type: "choose", index: -1, count: COUNT }]).index).toBe(0);
    expect(run([{ type: "choose", index: 0, count: 0 }])).toEqual(initialSetPlayState);
  });
});

describe("setPlayWording", () => {
  it("says what the set is doing", () => {
    const song = { position: 2, title: "Opener" };
    expect(setPlayWording("playing", song)).toBe("Now playing 2. Opener");
    expect(setPlayWording("loading", song)).toBe("Loading 2. Opener…");
    expect(setPlayWording("blocked", song)).toMatch(/Press play/);
    expect(setPlayWording("finished", song)).toBe("End of the set (last: 2. Opener)");
  });
});

describe("playRefusal", () => {
  it("tells the browser's autoplay rule from a newer load and from a real failure", () => {
    expect(playRefusal("NotAllowedError")).toBe("blocked");
    expect(playRefusal("AbortError")).toBe("superseded");
    expect(playRefusal("NotSupportedError")).toBe("failed");
    expect(playRefusal(undefined)).toBe("failed");
  });
});
