import { describe, expect, it } from "vitest";
import { actionForKey, keyBelongsToTarget } from "./keymap";

describe("actionForKey", () => {
  it("maps the listening keys", () => {
    expect(actionForKey({ key: " " })).toEqual({ type: "toggle" });
    expect(actionForKey({ key: "ArrowLeft" })).toEqual({ type: "skip", seconds: -5 });
    expect(actionForKey({ key: "ArrowRight" })).toEqual({ type: "skip", seconds: 5 });
    expect(actionForKey({ key: "j" })).toEqual({ type: "skip", seconds: -10 });
    expect(actionForKey({ key: "K" })).toEqual({ type: "pause" });
    expect(actionForKey({ key: "l" })).toEqual({ type: "skip", seconds: 10 });
    expect(actionForKey({ key: "," })).toEqual({ type: "skip", seconds: -0.1 });
    expect(actionForKey({ key: "." })).toEqual({ type: "skip", seconds: 0.1 });
    expect(actionForKey({ key: "[" })).toEqual({ type: "loopStart" });
    expect(actionForKey({ key: "]" })).toEqual({ type: "loopEnd" });
    expect(actionForKey({ key: "n" })).toEqual({ type: "nextTake" });
    expect(actionForKey({ key: "P" })).toEqual({ type: "previousTake" });
    expect(actionForKey({ key: "b" })).toEqual({ type: "flipTake" });
    expect(actionForKey({ key: "?" })).toEqual({ type: "help" });
    expect(actionForKey({ key: "g" })).toEqual({ type: "goToBar" });
    expect(actionForKey({ key: "G" })).toEqual({ type: "goToBar" });
  });
  it("leaves browser shortcuts and other keys alone", () => {
    expect(actionForKey({ key: "l", ctrlKey: true })).toBeNull();
    expect(actionForKey({ key: "ArrowLeft", metaKey: true })).toBeNull();
    expect(actionForKey({ key: "x" })).toBeNull();
  });
});

describe("keyBelongsToTarget", () => {
  it("gives every key to text fields, text areas, selects and editable content", () => {
    expect(keyBelongsToTarget({ tagName: "INPUT", type: "text" }, "j")).toBe(true);
    expect(keyBelongsToTarget({ tagName: "TEXTAREA" }, " ")).toBe(true);
    expect(keyBelongsToTarget({ tagName: "SELECT" }, "ArrowLeft")).toBe(true);
    expect(keyBelongsToTarget({ tagName: "DIV", isContentEditable: true }, "k")).toBe(true);
  });
  it("lets a slider keep its arrows but not the other keys", () => {
    expect(keyBelongsToTarget({ tagName: "INPUT", type: "range" }, "ArrowRight")).toBe(true);
    expect(keyBelongsToTarget({ tagName: "INPUT", type: "range" }, " ")).toBe(false);
    const slider = { tagName: "DIV", getAttribute: (name: string) => (name === "role" ? "slider" : null) };
    for (const key of ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "PageUp"]) expect(keyBelongsToTarget(slider, key)).toBe(true);
    expect(keyBelongsToTarget(slider, " ")).toBe(false);
    expect(keyBelongsToTarget(slider, "b")).toBe(false);
  });
  it("lets buttons keep Space, and hands the player everything else", () => {
    expect(keyBelongsToTarget({ tagName: "BUTTON" }, " ")).toBe(true);
    expect(keyBelongsToTarget({ tagName: "BUTTON" }, "j")).toBe(false);
    expect(keyBelongsToTarget({ tagName: "BODY" }, " ")).toBe(false);
    expect(keyBelongsToTarget(null, " ")).toBe(false);
  });
});
