/**
 * How ffmpeg and ffprobe are told what an uploaded file is. Uploads are
 * untrusted: left to guess, a tool probes the bytes, and a file crafted to
 * look like audio to our sniffer can look like a playlist (HLS, concat) to a
 * tool, which then opens other files on the server and decodes them into the
 * take. So the demuxer is forced from the format the upload was accepted as
 * (sniffed from its first bytes, stored as the take's content type), only
 * that demuxer may open anything, and only the file protocol exists. Pure.
 */

/** ffmpeg's demuxer for each content type an upload can be stored with. */
const DEMUXERS: Record<string, string> = {
  "audio/mpeg": "mp3",
  "audio/wav": "wav",
  "audio/aiff": "aiff",
  "audio/flac": "flac",
  "audio/ogg": "ogg",
  "audio/mp4": "mov",
  "audio/aac": "aac",
  "audio/webm": "matroska",
};

/** The demuxer for a stored content type ("audio/ogg; codecs=opus" -> "ogg"); null for one we never accept. */
export function demuxerFor(contentType: string): string | null {
  const base = contentType.split(";")[0]!.trim().toLowerCase();
  return DEMUXERS[base] ?? null;
}

/**
 * The input half of a tool's command line: the one demuxer forced and the only
 * one allowed (so no playlist or concat demuxer can take over, not even one a
 * forced demuxer would open for a nested file), the file protocol only, and
 * the file named with an explicit `file:` so no part of its name is read as a
 * protocol or option.
 */
export function forcedInputArgs(file: string, demuxer: string): string[] {
  return ["-protocol_whitelist", "file", "-format_whitelist", demuxer, "-f", demuxer, "-i", `file:${file}`];
}
