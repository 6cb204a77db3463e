import { takeAudioRoute } from "@/features/takes/take-audio.route";

// The take's waveform (audiowaveform JSON), 404 until processing made it; a
// Pages Router API route like stream.ts, with the same access check.
// Next reads this statically, so it is a literal: no body parsing (GET/HEAD only).
export const config = { api: { bodyParser: false, responseLimit: false } };
export default takeAudioRoute("peaks");
