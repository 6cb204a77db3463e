import { SNAP_MODES, type SnapMode } from "./bars";
import { clampVolume } from "./volume";

/**
 * The practice tools' settings, kept in this browser for every take: how a
 * dragged loop snaps, the click track's own volume, and whether a loop is
 * counted in.
 */
export type PracticeSettings = { snap: SnapMode; clickVolume: number; countIn: boolean };

export const DEFAULT_PRACTICE: PracticeSettings = { snap: "bar", clickVolume: 0.6, countIn: false };

export const PRACTICE_KEY = "rh:practice";

type StorageLike = Pick<Storage, "getItem" | "setItem">;

/** The kept settings from their stored text; anything missing or unreadable is the default. */
export function parsePractice(raw: string | null): PracticeSettings {
  if (!raw) return DEFAULT_PRACTICE;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof PracticeSettings, unknown>>;
    return {
      snap: SNAP_MODES.includes(value.snap as SnapMode) ? (value.snap as SnapMode) : DEFAULT_PRACTICE.snap,
      clickVolume: typeof value.clickVolume === "number" && Number.isFinite(value.clickVolume) ? clampVolume(value.clickVolume) : DEFAULT_PRACTICE.clickVolume,
      countIn: typeof value.countIn === "boolean" ? value.countIn : DEFAULT_PRACTICE.countIn,
    };
  } catch {
    return DEFAULT_PRACTICE;
  }
}

export function writePractice(storage: StorageLike, settings: PracticeSettings): void {
  try {
    storage.setItem(PRACTICE_KEY, JSON.stringify({ ...settings, clickVolume: clampVolume(settings.clickVolume) }));
  } catch {
    // A full or blocked storage only loses the convenience.
  }
}
