import { describe, expect, it } from "vitest";
import { createLaneView } from "./lane-view";

describe("the waveform's view for lanes", () => {
  it("tells its listeners when the width or the scroll changes, and only then", () => {
    const view = createLaneView();
    const seen: unknown[] = [];
    const off = view.subscribe(() => seen.push(view.get()));
    expect(view.get()).toBeNull();
    view.set({ width: 600, scroll: 0 });
    view.set({ width: 600, scroll: 0 });
    view.set({ width: 1440, scroll: 0 });
    view.set({ width: 1440, scroll: 320 });
    off();
    view.set({ width: 600, scroll: 0 });
    expect(seen).toEqual([
      { width: 600, scroll: 0 },
      { width: 1440, scroll: 0 },
      { width: 1440, scroll: 320 },
    ]);
  });
});
