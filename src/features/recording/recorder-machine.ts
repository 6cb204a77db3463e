/**
 * The recorder's states and the only moves between them. Pure: the component
 * feeds it what the browser reports and renders what it returns.
 */
export type RecorderState =
  | { kind: "idle" }
  | { kind: "requesting" }
  | { kind: "recording" }
  | { kind: "paused" }
  | { kind: "stopping" }
  | { kind: "uploading" }
  | { kind: "failed"; message: string; canRetry: boolean };

export type RecorderEvent =
  | { type: "request" }
  | { type: "started" }
  | { type: "refused"; message: string }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "stop" }
  | { type: "stopped" }
  | { type: "uploaded" }
  | { type: "uploadFailed"; message: string }
  | { type: "retry" }
  | { type: "reset" };

export const initialRecorderState: RecorderState = { kind: "idle" };

export function nextRecorderState(state: RecorderState, event: RecorderEvent): RecorderState {
  switch (state.kind) {
    case "idle":
      return event.type === "request" ? { kind: "requesting" } : state;
    case "requesting":
      if (event.type === "started") return { kind: "recording" };
      if (event.type === "refused") return { kind: "failed", message: event.message, canRetry: false };
      return state;
    case "recording":
      if (event.type === "pause") return { kind: "paused" };
      if (event.type === "stop") return { kind: "stopping" };
      // The device went away or the recorder broke mid-way: what was kept is still stored.
      if (event.type === "refused") return { kind: "failed", message: event.message, canRetry: false };
      return state;
    case "paused":
      if (event.type === "resume") return { kind: "recording" };
      if (event.type === "stop") return { kind: "stopping" };
      if (event.type === "refused") return { kind: "failed", message: event.message, canRetry: false };
      return state;
    case "stopping":
      return event.type === "stopped" ? { kind: "uploading" } : state;
    case "uploading":
      if (event.type === "uploaded") return { kind: "idle" };
      if (event.type === "uploadFailed") return { kind: "failed", message: event.message, canRetry: true };
      return state;
    case "failed":
      if (event.type === "retry" && state.canRetry) return { kind: "uploading" };
      if (event.type === "reset") return { kind: "idle" };
      if (event.type === "request") return { kind: "requesting" };
      return state;
  }
}

/** The microphone is held (and the page should warn before it is left) in these states. */
export const isCapturing = (state: RecorderState) => state.kind === "recording" || state.kind === "paused" || state.kind === "stopping";

/** A sentence for why the microphone could not be used, from the DOMException's name. */
export function microphoneErrorMessage(errorName: string | undefined): string {
  switch (errorName) {
    case "NotAllowedError":
    case "SecurityError":
      return "The browser was not allowed to use the microphone. Allow it for this site (usually the icon in the address bar), then try again.";
    case "NotFoundError":
    case "OverconstrainedError":
      return "No microphone was found. Plug one in or choose one in your system settings, then try again.";
    case "NotReadableError":
    case "AbortError":
      return "The microphone is busy or stopped working. Close other apps that use it, then try again.";
    case "NotSupportedError":
    case "Unsupported":
      return "This browser cannot record audio. Try a current Chrome, Firefox, Edge or Safari.";
    default:
      return "The recording could not start. Please try again.";
  }
}
