import { describe, expect, it } from "vitest";
import { initialRecorderState, isCapturing, microphoneErrorMessage, nextRecorderState, type RecorderEvent, type RecorderState } from "./recorder-machine";

const run = (events: RecorderEvent[], from: RecorderState = initialRecorderState) => events.reduce(nextRecorderState, from);

describe("nextRecorderState", () => {
  it("goes idle -> requesting -> recording -> paused -> recording -> stopping -> uploading -> idle", () => {
    const seen: string[] = [];
    let state = initialRecorderState;
    for (const event of [{ type: "request" }, { type: "started" }, { type: "pause" }, { type: "resume" }, { type: "stop" }, { type: "stopped" }, { type: "uploaded" }] as RecorderEvent[]) {
      state = nextRecorderState(state, event);
      seen.push(state.kind);
    }
    expect(seen).toEqual(["requesting", "recording", "paused", "recording", "stopping", "uploading", "idle"]);
  });

  it("stops from pause too", () => {
    expect(run([{ type: "request" }, { type: "started" }, { type: "pause" }, { type: "stop" }]).kind).toBe("stopping");
  });

  it("fails without retry when the microphone is refused", () => {
    expect(run([{ type: "request" }, { type: "refused", message: "no mic" }])).toEqual({ kind: "failed", message: "no mic", canRetry: false });
    expect(run([{ type: "request" }, { type: "refused", message: "no mic" }, { type: "retry" }]).kind).toBe("failed");
    expect(run([{ type: "request" }, { type: "refused", message: "no mic" }, { type: "request" }]).kind).toBe("requesting");
  });

  it("offers a retry after a failed upload, which uploads again", () => {
    const failed = run([{ type: "request" }, { type: "started" }, { type: "stop" }, { type: "stopped" }, { type: "uploadFailed", message: "offline" }]);
    expect(failed).toEqual({ kind: "failed", message: "offline", canRetry: true });
    expect(nextRecorderState(failed, { type: "retry" }).kind).toBe("uploading");
    expect(nextRecorderState(failed, { type: "reset" }).kind).toBe("idle");
  });

  it("ignores moves that make no sense in a state", () => {
    const cases: [RecorderState, RecorderEvent][] = [
      [{ kind: "idle" }, { type: "pause" }],
      [{ kind: "idle" }, { type: "stop" }],
      [{ kind: "requesting" }, { type: "pause" }],
      [{ kind: "recording" }, { type: "resume" }],
      [{ kind: "recording" }, { type: "request" }],
      [{ kind: "paused" }, { type: "pause" }],
      [{ kind: "stopping" }, { type: "pause" }],
      [{ kind: "stopping" }, { type: "uploaded" }],
      [{ kind: "uploading" }, { type: "stop" }],
      [{ kind: "uploading" }, { type: "request" }],
    ];
    for (const [state, event] of cases) expect(nextRecorderState(state, event), `${state.kind} + ${event.type}`).toBe(state);
  });

  it("fails from recording or paused when the device goes away", () => {
    expect(run([{ type: "request" }, { type: "started" }, { type: "refused", message: "gone" }]).kind).toBe("failed");
    expect(run([{ type: "request" }, { type: "started" }, { type: "pause" }, { type: "refused", message: "gone" }]).kind).toBe("failed");
  });
});

describe("isCapturing", () => {
  it("is true while the microphone is held", () => {
    expect(["recording", "paused", "stopping"].map((kind) => isCapturing({ kind } as RecorderState))).toEqual([true, true, true]);
    expect(["idle", "requesting", "uploading"].map((kind) => isCapturing({ kind } as RecorderState))).toEqual([false, false, false]);
  });
});

describe("microphoneErrorMessage", () => {
  it("explains each getUserMedia failure in words", () => {
    expect(microphoneErrorMessage("NotAllowedError")).toMatch(/not allowed to use the microphone/);
    expect(microphoneErrorMessage("NotFoundError")).toMatch(/No microphone was found/);
    expect(microphoneErrorMessage("NotReadableError")).toMatch(/busy/);
    expect(microphoneErrorMessage("Unsupported")).toMatch(/cannot record/);
    expect(microphoneErrorMessage(undefined)).toMatch(/could not start/);
  });
});
