import type { VersionView } from "@/features/versions/version.view";

/** A take's name: its title, or "Take N" counting from the song's first take. */
export function takeLabel(version: Pick<VersionView, "title">, number: number): string {
  return version.title?.trim() || `Take ${number}`;
}

export function uploaderName(version: Pick<VersionView, "uploader">): string {
  const u = version.uploader;
  if (!u) return "a former member";
  return u.name?.trim() || u.email.split("@")[0] || u.email;
}
