/** What a key does in the player. */
export type PlayerAction =
  | { type: "toggle" }
  | { type: "pause" }
  | { type: "skip"; seconds: number }
  | { type: "loopStart" }
  | { type: "loopEnd" }
  | { type: "nextTake" }
  | { type: "previousTake" }
  | { type: "flipTake" }
  | { type: "speed"; delta: number }
  | { type: "goToBar" }
  | { type: "help" };

export const ARROW_SECONDS = 5;
export const JUMP_SECONDS = 10;
export const NUDGE_SECONDS = 0.1;

type KeyLike = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean };

/** The shortcuts, as the help dialog lists them. */
export const SHORTCUTS: { keys: string[]; does: string }[] = [
  { keys: ["Space"], does: "Play or pause" },
  { keys: ["←", "→"], does: `Back or forward ${ARROW_SECONDS} seconds` },
  { keys: ["J", "L"], does: `Back or forward ${JUMP_SECONDS} seconds` },
  { keys: ["K"], does: "Pause" },
  { keys: [",", "."], does: `Nudge back or forward ${NUDGE_SECONDS} second` },
  { keys: ["[", "]"], does: "Set the loop start or end here" },
  { keys: ["N", "P"], does: "Next or previous take" },
  { keys: ["B"], does: "Flip between the last two takes you played, matched in loudness" },
  { keys: ["-", "="], does: "Slower or faster (5%)" },
  { keys: ["G"], does: "Go to a bar (takes whose bars are known)" },
  { keys: ["?"], does: "Show these shortcuts" },
];

/** The action for a key press, or null when the player ignores it (modifier keys belong to the browser). */
export function actionForKey(e: KeyLike): PlayerAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case " ":
    case "Spacebar":
      return { type: "toggle" };
    case "ArrowLeft":
      return { type: "skip", seconds: -ARROW_SECONDS };
    case "ArrowRight":
      return { type: "skip", seconds: ARROW_SECONDS };
    case "j":
    case "J":
      return { type: "skip", seconds: -JUMP_SECONDS };
    case "l":
    case "L":
      return { type: "skip", seconds: JUMP_SECONDS };
    case "k":
    case "K":
      return { type: "pause" };
    case ",":
      return { type: "skip", seconds: -NUDGE_SECONDS };
    case ".":
      return { type: "skip", seconds: NUDGE_SECONDS };
    case "[":
      return { type: "loopStart" };
    case "]":
      return { type: "loopEnd" };
    case "n":
    case "N":
      return { type: "nextTake" };
    case "p":
    case "P":
      return { type: "previousTake" };
    case "b":
    case "B":
      return { type: "flipTake" };
    case "-":
      return { type: "speed", delta: -0.05 };
    case "=":
    case "+":
      return { type: "speed", delta: 0.05 };
    case "g":
    case "G":
      return { type: "goToBar" };
    case "?":
      return { type: "help" };
    default:
      return null;
  }
}

type TargetLike = { tagName?: string; isContentEditable?: boolean; type?: string; getAttribute?: (name: string) => string | null } | null;

const SLIDER_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);

const TEXT_INPUT_TYPES = new Set(["text", "search", "email", "url", "tel", "password", "number", "date", "time", "datetime-local", "month", "week"]);

/**
 * Keys go to the page's controls, not the player, while someone types, picks
 * from a list, or works a control that uses the arrows itself.
 */
export function keyBelongsToTarget(target: TargetLike, key: string): boolean {
  if (!target?.tagName) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (target.type ?? "text").toLowerCase();
    if (TEXT_INPUT_TYPES.has(type)) return true;
    // A slider keeps its arrows; a checkbox or radio its Space.
    if (type === "range") return key.startsWith("Arrow") || key === "Home" || key === "End" || key === "PageUp" || key === "PageDown";
    return key === " ";
  }
  // A custom slider (role="slider") keeps its keys as a native one does.
  if (target.getAttribute?.("role") === "slider") return SLIDER_KEYS.has(key);
  // Buttons and links answer Space/Enter themselves.
  if ((tag === "BUTTON" || tag === "A" || target.getAttribute?.("role") === "button") && key === " ") return true;
  return false;
}
