import { shareAudioRoute } from "@/features/sharing/share-audio.route";

// A guest's stream through a share link: the same answer as a member's
// (src/pages/api/versions/[versionId]/stream.ts), decided for the link.
// Next reads this statically, so it is a literal: no body parsing (GET/HEAD only),
// no response size limit (takes are large and streamed).
export const config = { api: { bodyParser: false, responseLimit: false } };
export default shareAudioRoute("stream");
