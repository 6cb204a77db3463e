import path from "node:path";

/** Where the e2e run keeps its app data and captured mail (fresh each run). */
export const e2eRoot = path.resolve(process.env.E2E_ROOT || ".data/e2e");
export const e2eMailDir = path.join(e2eRoot, "mail");
export const e2eDataDir = path.join(e2eRoot, "app");
/** Everything the app printed during the run. */
export const e2eAppLog = path.join(e2eRoot, "app.log");
