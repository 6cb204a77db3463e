import { takeAudioRoute } from "@/features/takes/take-audio.route";

// The original file as an attachment; a Pages Router API route for the same reason as stream.ts.
// Next reads this statically, so it is a literal: no body parsing (GET/HEAD only),
// no response size limit (takes are large and streamed).
export const config = { api: { bodyParser: false, responseLimit: false } };
export default takeAudioRoute("download");
