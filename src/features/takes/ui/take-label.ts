import type { VersionView } from "@/features/takes/take.view";
import { defaultTakeTitle } from "./default-take-title";

/**
 * A take's name: its title, or "Take N · day · file name" from its number
 * (which never changes or repeats), upload day and original file.
 */
export function takeLabel(version: Pick<VersionView, "title" | "createdAt" | "originalName">, number: number): string {
  return version.title?.trim() || defaultTakeTitle({ number, createdAt: new Date(version.createdAt), originalName: version.originalName });
}

export function uploaderName(version: Pick<VersionView, "uploader">): string {
  const u = version.uploader;
  if (!u) return "a former member";
  return u.name?.trim() || u.email.split("@")[0] || u.email;
}
