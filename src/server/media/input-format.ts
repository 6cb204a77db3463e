/**
 * How ffmpeg and ffprobe are told what an uploaded file is. Uploads are
 * untrusted: left to guess, a tool probes the bytes, and a file crafted to
 * look like audio to our sniffer can look like a playlist (HLS, concat) to a
 * tool, which then opens other files on the server and decodes them into the
 * take. So the demuxer is forced from the format the upload was accepted as
 * (sniffed from its first bytes, stored as the take's content type), only
 * that demuxer may open anything, only the file protocol exists, and a
 * container's references to other files are never followed. Pure.
 */

/** ffmpeg's demuxer for each content type an upload can be stored with. */
const DEMUXERS: Record<string, string> = {
  "audio/mpeg": "mp3",
  "audio/wav": "wav",
  "audio/aiff": "aiff",
  "audio/flac": "flac",
  "audio/ogg": "ogg",
  "audio/mp4": "mov",
  "audio/3gpp": "mov",
  "audio/aac": "aac",
  "audio/webm": "matroska",
  "audio/x-matroska": "matroska",
  // Videos: only their sound is ever decoded (see process-take's ffmpegArgs).
  "video/mp4": "mov",
  "video/quicktime": "mov",
  "video/3gpp": "mov",
  "video/webm": "matroska",
  "video/x-matroska": "matroska",
};

/**
 * Options a forced demuxer is given on top. The mov demuxer can follow a
 * track's data reference (`dref`: a URL or a Mac alias) to another file and
 * read its samples from there; that is off by default, and said here so no
 * build's default can turn it on: a track that points elsewhere is skipped.
 */
const DEMUXER_OPTIONS: Record<string, string[]> = {
  mov: ["-enable_drefs", "0", "-use_absolute_path", "0"],
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
  return ["-protocol_whitelist", "file", "-format_whitelist", demuxer, ...(DEMUXER_OPTIONS[demuxer] ?? []), "-f", demuxer, "-i", `file:${file}`];
}
