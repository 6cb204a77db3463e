import path from "node:path";
import { MemoryLocker } from "@tus/server";
import { env } from "@/env";
import { log } from "@/server/log";
import { getStorage } from "@/server/storage";
import { removeAbandonedUploads } from "./abandoned-uploads";
import { AudioSniffingFileStore } from "./audio-sniffing-file-store";
import type { ResumableUploadDeps } from "./resumable-upload.handler";

/** Partial uploads live beside the database, not in audio storage: they are not takes yet. */
export const partialUploadsDir = () => path.join(env().dataDir, "partial-uploads");

let deps: ResumableUploadDeps | undefined;

/** The app's resumable-upload setup: one file store and one lock table per process. */
export function resumableUploadDeps(): ResumableUploadDeps {
  deps ??= {
    storage: getStorage(),
    store: new AudioSniffingFileStore({ directory: partialUploadsDir() }),
    locker: new MemoryLocker(),
    maxUploadBytes: env().maxUploadBytes,
  };
  return deps;
}

const SWEEP_EVERY_MS = 60 * 60 * 1000;
let sweeper: NodeJS.Timeout | undefined;

/** Removes abandoned partial uploads now and then every hour, for as long as the server runs. */
export function startAbandonedUploadSweeper(): void {
  if (sweeper) return;
  const sweep = () =>
    removeAbandonedUploads(partialUploadsDir()).then(
      (removed) => {
        if (removed.length) log().info({ count: removed.length }, "abandoned partial uploads removed");
      },
      (error: unknown) => log().error({ err: error }, "removing abandoned uploads failed"),
    );
  void sweep();
  sweeper = setInterval(() => void sweep(), SWEEP_EVERY_MS);
  sweeper.unref();
}
