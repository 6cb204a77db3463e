/**
 * "Play the set": where the set is and what its one audio element is doing,
 * and the only moves between them. Pure: the player feeds it what the user
 * asks and what the element reports, and acts on what it returns.
 *
 * Every choice of a take starts a new `load` (its number grows), and every
 * report from the element names the load it is about: a late `ended`,
 * `canplay` or refusal from a take already left behind is ignored, so it can
 * never skip a song or leave the next one paused at 0:00.
 */
export type SetPlayStatus =
  /** Nothing chosen yet. */
  | "idle"
  /** The take's source is set; waiting until it can play. */
  | "loading"
  /** It can play: `play()` is asked for; waiting for "playing". */
  | "starting"
  | "playing"
  /** Paused by the listener (the element's own controls). */
  | "paused"
  /** The browser refused to start it without a tap (autoplay rules): press play to go on. */
  | "blocked"
  /** The take could not be loaded or played. */
  | "failed"
  /** The last take played to its end. */
  | "finished";

export type SetPlayState = { status: SetPlayStatus; index: number | null; load: number };

export type SetPlayEvent =
  /** From the top, Previous, Next: a take of the queue chosen by the listener. */
  | { type: "choose"; index: number; count: number }
  | { type: "canPlay"; load: number }
  | { type: "playing"; load: number }
  | { type: "paused"; load: number }
  | { type: "ended"; load: number; count: number }
  /** `play()` was refused: `blocked` by the browser's rules, `superseded` by a newer load, `failed` otherwise. */
  | { type: "playRefused"; load: number; why: "blocked" | "superseded" | "failed" }
  | { type: "loadFailed"; load: number };

export const initialSetPlayState: SetPlayState = { status: "idle", index: null, load: 0 };

const loading = (state: SetPlayState, index: number): SetPlayState => ({ status: "loading", index, load: state.load + 1 });

export function nextSetPlayState(state: SetPlayState, event: SetPlayEvent): SetPlayState {
  if (event.type === "choose") {
    if (event.count <= 0) return initialSetPlayState;
    return loading(state, Math.min(Math.max(event.index, 0), event.count - 1));
  }
  // Everything else is a report about one load: an earlier load's report is stale.
  if (event.load !== state.load || state.index === null) return state;
  switch (event.type) {
    case "canPlay":
      return state.status === "loading" ? { ...state, status: "starting" } : state;
    case "playing":
      return { ...state, status: "playing" };
    case "paused":
      // Pausing is the listener's only while it plays; the pause that comes with the end (or a new load) is not.
      return state.status === "playing" ? { ...state, status: "paused" } : state;
    case "ended":
      return state.index + 1 < event.count ? loading(state, state.index + 1) : { ...state, status: "finished" };
    case "playRefused":
      if (event.why === "superseded") return state;
      return { ...state, status: event.why === "blocked" ? "blocked" : "failed" };
    case "loadFailed":
      return { ...state, status: "failed" };
  }
}

/** What the set's line says: "Now playing 2. Opener", "Loading 3. Closer…". */
export function setPlayWording(status: SetPlayStatus, song: { position: number; title: string }): string {
  const name = `${song.position}. ${song.title}`;
  switch (status) {
    case "idle":
      return "";
    case "loading":
    case "starting":
      return `Loading ${name}…`;
    case "playing":
      return `Now playing ${name}`;
    case "paused":
      return `Paused: ${name}`;
    case "blocked":
      return `Ready: ${name}. Press play to go on.`;
    case "failed":
      return `${name} could not be played. Try Next, or From the top.`;
    case "finished":
      return `End of the set (last: ${name})`;
  }
}

/** Why `play()` was refused, from the rejection's DOMException name. */
export function playRefusal(errorName: string | undefined): "blocked" | "superseded" | "failed" {
  if (errorName === "NotAllowedError") return "blocked";
  // "The play() request was interrupted by a new load request" (or by a pause): a newer load has it in hand.
  if (errorName === "AbortError") return "superseded";
  return "failed";
}
