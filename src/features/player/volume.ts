/** The listener's own volume and mute, kept in this browser for every take. */
export type VolumeSetting = { volume: number; muted: boolean };

export const DEFAULT_VOLUME: VolumeSetting = { volume: 1, muted: false };

export const VOLUME_KEY = "rh:volume";

type StorageLike = Pick<Storage, "getItem" | "setItem">;

export function readVolume(storage: StorageLike): VolumeSetting {
  try {
    return parseVolume(storage.getItem(VOLUME_KEY));
  } catch {
    return DEFAULT_VOLUME;
  }
}

/** The kept setting from its stored text; anything unreadable is full volume, unmuted. */
export function parseVolume(raw: string | null): VolumeSetting {
  if (!raw) return DEFAULT_VOLUME;
  try {
    const value = JSON.parse(raw) as { volume?: unknown; muted?: unknown };
    const volume = typeof value.volume === "number" && Number.isFinite(value.volume) ? clampVolume(value.volume) : DEFAULT_VOLUME.volume;
    return { volume, muted: value.muted === true };
  } catch {
    return DEFAULT_VOLUME;
  }
}

export function writeVolume(storage: StorageLike, setting: VolumeSetting): void {
  try {
    storage.setItem(VOLUME_KEY, JSON.stringify({ volume: clampVolume(setting.volume), muted: setting.muted }));
  } catch {
    // A full or blocked storage only loses the convenience.
  }
}

/** What the element plays at: the listener's volume times the loudness match (both 0..1). */
export function outputVolume(volume: number, match = 1): number {
  return Math.round(clampVolume(volume) * clampVolume(match) * 1000) / 1000;
}

export function clampVolume(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.min(1, Math.max(0, value));
}

/**
 * Whether a page may set a media element's volume. iOS keeps `volume` at 1
 * (the hardware buttons own it) and ignores what a page writes; muting still works.
 */
export function volumeIsSettable(probe: { volume: number }): boolean {
  try {
    probe.volume = 0.5;
    return Math.abs(probe.volume - 0.5) < 0.01;
  } catch {
    return false;
  }
}
