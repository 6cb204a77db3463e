/**
 * What the upload forms and the server's refusals say a take may be, in one
 * place (client-safe: no sniffing here, only words and the file picker's filter).
 */

/** For people: every kind of file a take can come from. */
export const ACCEPTED_FORMATS_LABEL = "MP3, WAV, AIFF, FLAC, Ogg/Opus, M4A/AAC or WebM audio, or an MP4, MOV, WebM or MKV video";

/** The hint under a file picker, before its size limit; see VIDEO_NOTE. */
export const UPLOAD_HINT = "Audio or video files: MP3, WAV, AIFF, FLAC, Ogg/Opus, M4A/AAC, WebM, MP4, MOV or MKV";

/** What becomes of a video. */
export const VIDEO_NOTE = "From video, only the sound is kept.";

/** The file picker's filter (a hint to the browser; the server judges the bytes). */
export const UPLOAD_ACCEPT = "audio/*,video/mp4,video/quicktime,video/webm,video/x-matroska,.mp3,.wav,.flac,.ogg,.opus,.m4a,.aac,.webm,.aif,.aiff,.mp4,.mov,.m4v,.mkv,.3gp";
