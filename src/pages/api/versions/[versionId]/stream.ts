import { takeAudioRoute } from "@/features/takes/take-audio.route";

// A Pages Router API route, not an App Router route handler: Next 16 strips
// Content-Length from route-handler responses, and Safari/iOS cannot seek without it.
// Next reads this statically, so it is a literal: no body parsing (GET/HEAD only),
// no response size limit (takes are large and streamed).
export const config = { api: { bodyParser: false, responseLimit: false } };
export default takeAudioRoute("stream");
