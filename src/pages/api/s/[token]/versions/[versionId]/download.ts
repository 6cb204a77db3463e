import { shareAudioRoute } from "@/features/sharing/share-audio.route";

// A shared take's original as an attachment, only when the link allows downloads.
// Next reads this statically, so it is a literal: no body parsing (GET/HEAD only),
// no response size limit (takes are large and streamed).
export const config = { api: { bodyParser: false, responseLimit: false } };
export default shareAudioRoute("download");
