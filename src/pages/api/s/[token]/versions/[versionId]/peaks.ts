import { shareAudioRoute } from "@/features/sharing/share-audio.route";

// A shared take's waveform, 404 until processing made it.
// Next reads this statically, so it is a literal: no body parsing (GET/HEAD only).
export const config = { api: { bodyParser: false, responseLimit: false } };
export default shareAudioRoute("peaks");
